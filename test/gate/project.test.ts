// Loading Pulumi.yaml and Pulumi.<stack>.yaml into the runtime's config map, as the CLI does:
// defaults, project namespacing, typed values, provider keys; every bad key is one InputError
// that names the file and the key.
import * as path from "path";
import { InputError } from "../../gate/errors";
import { loadProject } from "../../gate/project";
import { FIXTURES, programCopy } from "../helpers/cli";

const PROJECT_FILE = `name: typed
runtime:
  name: nodejs
  options:
    typescript: true
description: Typed config
main: src/main.ts
config:
  size:
    type: integer
    description: How many
    default: 3
  enabled:
    type: boolean
    description: Switch
    default: false
  names:
    type: array
    items:
      type: string
    description: Some names
    default: [a, b]
  owner:
    type: string
    description: Required, no default
  aws:region:
    value: eu-west-3
  typed:plain: hello
`;

function load(stackFile: string, projectFile = PROJECT_FILE) {
    const dir = programCopy("basic", { "Pulumi.yaml": projectFile, "Pulumi.test.yaml": stackFile });
    return { dir, load: () => loadProject(dir, "test") };
}

function inputError(run: () => unknown): InputError {
    try {
        run();
    } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        return error as InputError;
    }
    throw new Error("expected an InputError");
}

describe("loadProject", () => {
    it("namespaces project keys, applies defaults and passes typed values as the runtime reads them", () => {
        const { dir, load: run } = load("config:\n  typed:owner: ops\n  typed:size: 5\n  typed:names: [x, y, z]\n  aws:profile: prod\n  aws:defaultTags:\n    tags:\n      team: ops\n");
        const project = run();
        expect(project).toMatchObject({ name: "typed", stack: "test", main: path.join(dir, "src", "main.ts"), description: "Typed config" });
        expect(project.config).toEqual({
            "typed:size": "5",
            "typed:enabled": "false",
            "typed:names": '["x","y","z"]',
            "typed:owner": "ops",
            "typed:plain": "hello",
            "aws:region": "eu-west-3",
            "aws:profile": "prod",
            "aws:defaultTags": '{"tags":{"team":"ops"}}',
        });
    });

    it("reads the fixture's stack: stack values override defaults, provider keys come from the project file", () => {
        const project = loadProject(path.join(FIXTURES, "programs", "basic"), "weak");
        expect(project.config).toMatchObject({
            "fixture-basic:owner": "nobody",
            "fixture-basic:bucketCount": "1",
            "fixture-basic:encrypted": "false",
            "fixture-basic:passwordLength": "8",
            "fixture-basic:zones": '["a","b"]',
            "aws:region": "eu-west-1",
        });
    });

    it("finds the stack file in stackConfigDir", () => {
        const dir = programCopy("basic", { "Pulumi.yaml": `${PROJECT_FILE}stackConfigDir: stacks\n`, "stacks/Pulumi.test.yaml": "config:\n  typed:owner: ops\n" });
        expect(loadProject(dir, "test").config["typed:owner"]).toBe("ops");
    });

    it("names the key of a secure value, which cannot be decrypted offline", () => {
        const { load: run } = load("config:\n  typed:owner: ops\n  typed:token:\n    secure: AAABAHhL0mK\n");
        expect(inputError(run).message).toMatch(/Pulumi\.test\.yaml: config\.typed:token: is a secure value, which cannot be decrypted offline/);
    });

    it("finds a secure value nested in structured config", () => {
        const { load: run } = load("config:\n  typed:owner: ops\n  typed:db:\n    user: app\n    passwords:\n      - secure: AAABAHhL0mK\n");
        expect(inputError(run).message).toMatch(/config\.typed:db\.passwords\[0\]: is a secure value/);
    });

    it.each([
        ["a value of the wrong type", "config:\n  typed:owner: ops\n  typed:size: many\n", /Pulumi\.test\.yaml: config\.typed:size: must be of type integer$/],
        ["an array of the wrong item type", "config:\n  typed:owner: ops\n  typed:names: [1, 2]\n", /config\.typed:names: must be of type array of string$/],
        ["a required key without a value", "config:\n  typed:size: 4\n", /Pulumi\.test\.yaml: config\.typed:owner: required \(declared in Pulumi\.yaml without a default\)$/],
        ["a key without a namespace", "config:\n  owner: ops\n", /Pulumi\.test\.yaml: config\.owner: keys must be namespaced, e\.g\. typed:owner$/],
        ["config that is not a mapping", "config: [a, b]\n", /Pulumi\.test\.yaml: config: must be a mapping/],
        ["an ESC environment", "environment: [prod]\nconfig:\n  typed:owner: ops\n", /Pulumi\.test\.yaml: environment: Pulumi ESC environments cannot be opened offline/],
        ["malformed YAML", "config:\n  typed:owner: [ops\n", /Pulumi\.test\.yaml: invalid YAML at line \d+/],
    ])("refuses %s in the stack file, naming the key", (_case, stackFile, message) => {
        const { load: run } = load(stackFile);
        expect(inputError(run).message).toMatch(message);
    });

    it.each([
        ["no runtime", "name: x\n", /Pulumi\.yaml: runtime: required$/],
        ["another runtime", "name: x\nruntime: python\n", /Pulumi\.yaml: runtime: 'python' is not supported/],
        ["no name", "runtime: nodejs\n", /Pulumi\.yaml: name: required/],
        ["an unknown config type", "name: x\nruntime: nodejs\nconfig:\n  size:\n    type: float\n", /Pulumi\.yaml: config\.size\.type: must be one of string, boolean, integer, array$/],
        ["a default of the wrong type", "name: x\nruntime: nodejs\nconfig:\n  size:\n    type: integer\n    default: big\n", /Pulumi\.yaml: config\.size\.default: must be of type integer$/],
        ["a typed provider key", "name: x\nruntime: nodejs\nconfig:\n  aws:region:\n    type: string\n", /Pulumi\.yaml: config\.aws:region: a typed declaration is only valid for project keys/],
        ["malformed YAML", "name: x\nruntime: nodejs\nconfig:\n  - : :\n\t\n", /Pulumi\.yaml: invalid YAML/],
    ])("refuses a project file with %s, naming the key", (_case, projectFile, message) => {
        const { load: run } = load("config: {}\n", projectFile);
        expect(inputError(run).message).toMatch(message);
    });

    it("names the missing project file, the unknown stack and a bad program directory", () => {
        const dir = programCopy("basic", { "Pulumi.yaml": null });
        expect(inputError(() => loadProject(dir, "dev")).message).toBe(`${path.join(dir, "Pulumi.yaml")}: file not found: the program directory must hold a Pulumi project file`);
        const fixture = path.join(FIXTURES, "programs", "basic");
        expect(inputError(() => loadProject(fixture, "nope")).message).toBe(`${path.join(fixture, "Pulumi.nope.yaml")}: stack 'nope' not found: no such stack file in ${fixture}`);
        expect(inputError(() => loadProject(fixture, "../dev")).message).toBe("--stack: '../dev' is not a valid stack name");
        expect(inputError(() => loadProject("/no/such/dir", "dev")).message).toBe("--program: /no/such/dir is not a directory");
    });
});

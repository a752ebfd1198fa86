// The mock engine on a JavaScript program that uses what real programs use: a component with
// registered outputs, an explicit provider and an invoke through it, a resource read with
// `.get()`, secrets from @pulumi/random, pulumi.secret and additionalSecretOutputs. What it
// records is what the Pulumi engine would hold, and what the packs are sent.
import * as path from "path";
import { loadProject } from "../../gate/project";
import { ProgramRun, RecordedResource, isAnalyzed, plain, redactor, runProgram, secretValues } from "../../gate/program";
import { FIXTURES } from "../helpers/cli";

const STACK = "urn:pulumi:dev::fixture-engine::pulumi:pulumi:Stack::fixture-engine-dev";
const AWS_DEFAULT = "urn:pulumi:dev::fixture-engine::pulumi:providers:aws::default_7_48_0";
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
let run: ProgramRun;

beforeAll(async () => {
    const project = loadProject(path.join(FIXTURES, "programs", "engine"), "dev");
    run = await runProgram({ dir: project.dir, main: project.main, project: project.name, stack: "dev", config: project.config, preview: false, label: "src/index.js" });
});

function find(urnSuffix: string): RecordedResource {
    const found = run.resources.find((resource) => resource.urn.endsWith(urnSuffix));
    if (!found) throw new Error(`no resource ${urnSuffix}; have ${run.resources.map((resource) => resource.urn).join(", ")}`);
    return found;
}

const isSecret = (value: unknown) => typeof value === "object" && value !== null && SECRET_SIG_KEY in value;

describe("the mock engine on a JavaScript program", () => {
    it("runs main as Pulumi.yaml names it and records every resource once, default providers before their first user", () => {
        expect(run.resources.map((resource) => resource.urn.split("::").slice(2).join("::")).sort()).toEqual([
            "aws:s3/bucket:Bucket::existing",
            "aws:s3/bucket:Bucket::replica",
            "aws:secretsmanager/secretVersion:SecretVersion::db",
            "aws:ssm/parameter:Parameter::api-key",
            "aws:ssm/parameter:Parameter::token",
            "fixture:storage:LogStore$aws:s3/bucket:Bucket::logs-bucket",
            "fixture:storage:LogStore::logs",
            "pulumi:providers:aws::default_7_48_0",
            "pulumi:providers:aws::west",
            "pulumi:providers:random::default_4_21_2",
            "pulumi:pulumi:Stack::fixture-engine-dev",
            "random:index/randomPassword:RandomPassword::db",
        ]);
        const order = (suffix: string) => run.resources.findIndex((resource) => resource.urn.endsWith(suffix));
        const firstAwsUser = Math.min(...run.resources.filter((resource) => resource.provider?.startsWith(AWS_DEFAULT)).map((resource) => run.resources.indexOf(resource)));
        expect(order("default_7_48_0")).toBe(firstAwsUser - 1);
        expect(order("default_4_21_2")).toBe(order("RandomPassword::db") - 1);
        expect(order("Stack::fixture-engine-dev")).toBe(0);
    });

    it("records a component with its children under it and its registered outputs as its state", () => {
        const component = find("fixture:storage:LogStore::logs");
        expect(component).toMatchObject({ custom: false, parent: STACK, inputs: {}, id: undefined });
        expect(component.properties).toEqual({ bucketId: find("LogStore$aws:s3/bucket:Bucket::logs-bucket").id, owner: "platform-team" });
        const bucket = find("LogStore$aws:s3/bucket:Bucket::logs-bucket");
        expect(bucket).toMatchObject({ parent: component.urn, inputs: { tags: { owner: "platform-team" } } });
        expect(bucket.options).toMatchObject({ protect: true });
        expect(bucket.provider).toMatch(new RegExp(`^${AWS_DEFAULT}::[0-9a-f-]{36}$`));
    });

    it("records the stack's exports as the stack's state, secrets kept secret", () => {
        const stack = find("pulumi:pulumi:Stack::fixture-engine-dev");
        expect(stack.custom).toBe(false);
        expect(plain(stack.properties)).toEqual({ logBucket: find("logs-bucket").id, existingBucket: "existing-bucket-id", password: plain(find("RandomPassword::db").properties.result) });
        expect(isSecret(stack.properties.password)).toBe(true);
    });

    it("gives every resource without a provider the engine's default provider, configured from the stack", () => {
        const provider = find("pulumi:providers:aws::default_7_48_0");
        expect(provider).toMatchObject({ custom: true, type: "pulumi:providers:aws", name: "default_7_48_0" });
        expect(provider.parent).toBeUndefined();
        expect(provider.inputs).toEqual({ region: "eu-central-1", defaultTags: { tags: { team: "platform" } }, version: "7.48.0" });
        expect(find("RandomPassword::db").provider).toMatch(/::pulumi:providers:random::default_4_21_2::[0-9a-f-]{36}$/);
        for (const suffix of ["Bucket::existing", "Parameter::token", "Parameter::api-key", "SecretVersion::db"]) {
            expect(find(suffix).provider).toBe(`${AWS_DEFAULT}::${provider.id}`);
        }
        // Components and the stack have no provider; neither do providers.
        expect(find("LogStore::logs").provider).toBeUndefined();
        expect(find("pulumi:providers:aws::west").provider).toBeUndefined();
    });

    it("keeps an explicit provider, and answers for its region: resources, ARNs and invokes through it", () => {
        const west = find("pulumi:providers:aws::west");
        expect(west).toMatchObject({ custom: true, parent: STACK, inputs: { region: "us-west-2" } });
        const replica = find("aws:s3/bucket:Bucket::replica");
        expect(replica.provider).toBe(`${west.urn}::${west.id}`);
        // The provider auto-names the bucket, as it would for real.
        expect(plain(replica.inputs)).toEqual({ bucket: "replica-8605cd8", tags: { owner: "nobody", region: "us-west-2" } });
        expect(plain(replica.properties)).toMatchObject({ arn: expect.stringMatching(/^arn:aws:s3:us-west-2:123456789012:bucket\//) });
        expect(plain(find("Bucket::existing").properties)).toMatchObject({ arn: expect.stringMatching(/^arn:aws:s3:eu-central-1:/) });
    });

    it("records a resource read with .get() under the id the program gave, as read, not to be analyzed on its own", () => {
        const existing = find("aws:s3/bucket:Bucket::existing");
        expect(existing).toMatchObject({ id: "existing-bucket-id", read: true, custom: true, parent: STACK });
        expect(isAnalyzed(existing)).toBe(false);
        expect(run.resources.filter((resource) => !isAnalyzed(resource)).map((resource) => resource.name)).toEqual(["existing"]);
    });

    it("keeps secrets secret: generated results, pulumi.secret inputs, additionalSecretOutputs, and what flows from them", () => {
        expect(isSecret(find("RandomPassword::db").properties.result)).toBe(true);
        expect(find("RandomPassword::db").options.additionalSecretOutputs).toEqual(["bcryptHash", "result"]);
        expect(isSecret(find("SecretVersion::db").inputs.secretString)).toBe(true);
        expect(isSecret(find("Parameter::token").inputs.value)).toBe(true);
        expect(isSecret(find("Parameter::api-key").properties.value)).toBe(true);
        expect(secretValues(run.resources).sort()).toEqual([plain(find("RandomPassword::db").properties.result), "key-4e7a-plaintext-value", "tok-8c1f-plaintext-value"].sort());
    });

    it("redacts every secret from a text, longest first, leaving short values alone", () => {
        const redact = redactor(["tok-8c1f-plaintext-value", "tok-8c1f", "abc", "a.b*c"]);
        expect(redact("token tok-8c1f-plaintext-value and tok-8c1f, abc and a.b*c")).toBe("token [secret] and [secret], abc and [secret]");
        expect(redactor([])("nothing to hide")).toBe("nothing to hide");
    });
});

// Every bad input ends the gate with exit code 2 and one line on stderr that names the file (or
// flag) and the key; no stack trace unless --verbose; nothing on stdout, so nothing is ever
// reported as passed; no --out file, not even a partial one.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FIXTURES, day, packCopy, programCopy, readiness } from "../helpers/cli";

const basic = path.join(FIXTURES, "programs", "basic");
const pack = path.join(FIXTURES, "packs", "basic");

function tempFile(name: string, content: string): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bad-input-")), name);
    fs.writeFileSync(file, content);
    return file;
}

const validAttestation = (item: string) =>
    `attestations:\n  - item: ${item}\n    by: Jane Doe\n    role: Admin\n    date: ${day(-1)}\n    evidence: https://example.com/a\n    expires: ${day(100)}\n`;

/** Runs `readiness check` and asserts the failure contract; returns stderr's single line. */
function failsWith(args: string[], line: RegExp): string {
    const result = readiness(args);
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 2, stdout: "" });
    const lines = result.stderr.split("\n").filter((entry) => entry !== "");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^readiness: /);
    expect(lines[0]).toMatch(line);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    return lines[0];
}

const check = (program: string, stack = "dev", extra: string[] = []) => ["check", "--program", program, "--stack", stack, "--policy-pack", pack, ...extra];

describe("bad project and stack files", () => {
    it.each([
        ["a missing Pulumi.yaml", { "Pulumi.yaml": null }, "dev", /\/Pulumi\.yaml: file not found: the program directory must hold a Pulumi project file$/],
        ["a malformed Pulumi.yaml", { "Pulumi.yaml": "name: x\nruntime: [nodejs\n" }, "dev", /\/Pulumi\.yaml: invalid YAML at line \d+: /],
        ["a Pulumi.yaml without runtime", { "Pulumi.yaml": "name: fixture-basic\nmain: index.ts\n" }, "dev", /\/Pulumi\.yaml: runtime: required$/],
        ["an unknown stack", {}, "nope", /\/Pulumi\.nope\.yaml: stack 'nope' not found: no such stack file in /],
        ["a malformed stack file", { "Pulumi.dev.yaml": "config:\n  fixture-basic:owner: 'unterminated\n" }, "dev", /\/Pulumi\.dev\.yaml: invalid YAML at line \d+: /],
        ["a stack value of the wrong type", { "Pulumi.dev.yaml": "config:\n  fixture-basic:owner: ops\n  fixture-basic:bucketCount: two\n" }, "dev", /\/Pulumi\.dev\.yaml: config\.fixture-basic:bucketCount: must be of type integer$/],
        ["a required value missing", { "Pulumi.dev.yaml": "config:\n  fixture-basic:bucketCount: 2\n" }, "dev", /\/Pulumi\.dev\.yaml: config\.fixture-basic:owner: required \(declared in Pulumi\.yaml without a default\)$/],
        ["a secure value", { "Pulumi.dev.yaml": "config:\n  fixture-basic:owner:\n    secure: AAABADQXFlU0mxC\n" }, "dev", /\/Pulumi\.dev\.yaml: config\.fixture-basic:owner: is a secure value, which cannot be decrypted offline/],
    ])("%s", (_case, files, stack, line) => {
        failsWith(check(programCopy("basic", files as Record<string, string | null>), stack), line);
    });

    it("a program directory that does not exist", () => {
        failsWith(check("/no/such/program"), /^readiness: --program: \/no\/such\/program is not a directory$/);
    });
});

describe("bad attestation and waiver files", () => {
    it.each([
        ["malformed YAML", "attestations/dev.yaml", "attestations:\n  - item: [WP-11.1.1\n", /attestations\/dev\.yaml: invalid YAML at line \d+: /],
        ["not a list", "attestations/dev.yaml", "attestations: WP-11.1.1\n", /attestations\/dev\.yaml: attestations: must be a list$/],
        ["an unknown top-level key", "attestations/dev.yaml", "attestation: []\n", /attestations\/dev\.yaml: \(top level\)\.attestation: unknown key \(expected attestations\)$/],
        ["a missing key", "attestations/dev.yaml", validAttestation("WP-11.1.1").replace("    by: Jane Doe\n", ""), /attestations\/dev\.yaml: attestations\[0\]\.by: required, a non-empty string$/],
        ["an unknown key", "attestations/dev.yaml", `${validAttestation("WP-11.1.1")}    signature: yes\n`, /attestations\/dev\.yaml: attestations\[0\]\.signature: unknown key \(expected item, by, role, date, evidence, expires\)$/],
        ["an unknown item", "attestations/dev.yaml", validAttestation("WP-99.9"), /attestations\/dev\.yaml: attestations\[0\]\.item: 'WP-99\.9' is not a checklist item id/],
        ["a bad date", "attestations/dev.yaml", validAttestation("WP-11.1.1").replace(/date: .*/, "date: 2026-02-30"), /attestations\/dev\.yaml: attestations\[0\]\.date: must be a date written YYYY-MM-DD$/],
        ["an item attested twice", "attestations/dev.yaml", `${validAttestation("WP-11.1.1")}${validAttestation("WP-11.1.1").replace("attestations:\n", "")}`, /attestations\/dev\.yaml: attestations\[1\]\.item: 'WP-11\.1\.1' is attested twice$/],
        ["malformed YAML", "waivers/dev.yaml", "waivers:\n  - policy: x\n   owner: y\n", /waivers\/dev\.yaml: invalid YAML at line \d+: /],
        ["a waiver without an expiry", "waivers/dev.yaml", "waivers:\n  - policy: wp-3.2.1.1-password-length\n    owner: ops\n    reason: why\n", /waivers\/dev\.yaml: waivers\[0\]\.expires: must be a date written YYYY-MM-DD$/],
        ["a waiver with resources that are not names", "waivers/dev.yaml", `waivers:\n  - policy: wp-3.2.1.1-password-length\n    resources: db\n    owner: ops\n    reason: why\n    expires: ${day(3)}\n`, /waivers\/dev\.yaml: waivers\[0\]\.resources: must be a list of resource names or URNs$/],
    ])("%s in %s", (_case, file, content, line) => {
        failsWith(check(programCopy("basic", { [file]: content })), line);
    });

    it("an attestation of an item the program decides", () => {
        failsWith(check(programCopy("basic", { "attestations/dev.yaml": validAttestation("WP-3.2.1.1") })), /attestations\/dev\.yaml: attestations\[0\]\.item: WP-3\.2\.1\.1 is verified from the program, not attested$/);
    });

    it("a waiver of a policy no pack has", () => {
        const content = `waivers:\n  - policy: wp-no-such-policy\n    owner: ops\n    reason: why\n    expires: ${day(3)}\n`;
        failsWith(check(programCopy("basic", { "waivers/dev.yaml": content })), /waivers\/dev\.yaml: waivers\[0\]\.policy: no policy 'wp-no-such-policy' in the packs \(fixture-basic\)$/);
    });
});

describe("programs that fail", () => {
    it("a program that throws", () => {
        failsWith(check(path.join(FIXTURES, "programs", "throws")), /^readiness: test\/fixtures\/programs\/throws\/index\.ts: the program failed: the fixture program refuses to run$/);
    });

    it("a program whose apply throws", () => {
        const dir = programCopy("basic", { "index.ts": 'import * as aws from "@pulumi/aws";\nconst key = new aws.kms.Key("k", {});\nkey.arn.apply(() => { throw new Error("no key for you"); });\n' });
        failsWith(check(dir), /index\.ts: the program failed: no key for you$/);
    });

    it("a program that calls process.exit(0), which must not end the gate as if all were well", () => {
        const dir = programCopy("basic", { "index.ts": 'import * as aws from "@pulumi/aws";\nnew aws.kms.Key("k", {});\nprocess.exit(0);\n' });
        failsWith(check(dir), /index\.ts: the program called process\.exit\(0\) before registering all its resources$/);
    });

    it("an invoke the gate cannot answer, named by its token", () => {
        failsWith(check(path.join(FIXTURES, "programs", "bad-invoke")), /bad-invoke\/index\.ts: invoke 'aws:ec2\/getVpc:getVpc' has no offline answer: /);
    });

    it("a private SSM parameter, which only the account knows", () => {
        const dir = programCopy("basic", { "index.ts": 'import * as aws from "@pulumi/aws";\nconst p = aws.ssm.getParameterOutput({ name: "/prod/db/password" });\nnew aws.s3.Bucket("b", { tags: { p: p.value } });\n' });
        failsWith(check(dir), /index\.ts: invoke 'aws:ssm\/getParameter:getParameter' has no offline answer: parameter \/prod\/db\/password is private to the account/);
    });

    it("prints the stack trace with --verbose, and only then", () => {
        const result = readiness([...check(path.join(FIXTURES, "programs", "throws")), "--verbose"]);
        expect(result.code).toBe(2);
        expect(result.stdout).toBe("");
        expect(result.stderr).toMatch(/^readiness: test\/fixtures\/programs\/throws\/index\.ts: the program failed: the fixture program refuses to run\nError: the fixture program refuses to run\n\s+at .*index\.ts:4/);
    });
});

describe("bad packs and policy config", () => {
    it("a pack directory that does not exist", () => {
        failsWith(["check", "--program", basic, "--stack", "dev", "--policy-pack", "/no/such/pack"], /^readiness: --policy-pack: \/no\/such\/pack is not a directory$/);
    });

    it("a pack without a package.json version", () => {
        const dir = packCopy("third-party", { "package.json": '{ "name": "no-version", "main": "index.js" }\n' });
        failsWith(["check", "--program", basic, "--stack", "dev", "--policy-pack", dir], new RegExp(`^readiness: ${dir}/package\\.json: version: required`));
    });

    it("a pack without PulumiPolicy.yaml", () => {
        const dir = packCopy("third-party", { "PulumiPolicy.yaml": null });
        failsWith(["check", "--program", basic, "--stack", "dev", "--policy-pack", dir], /PulumiPolicy\.yaml: file not found: a policy pack directory holds PulumiPolicy\.yaml$/);
    });

    it("a pack that throws while loading", () => {
        const dir = packCopy("third-party", { "index.js": 'throw new Error("the pack cannot load its rules");\n' });
        failsWith(["check", "--program", basic, "--stack", "dev", "--policy-pack", dir], new RegExp(`^readiness: ${dir}: the policy pack failed to start: Error: the pack cannot load its rules$`));
    });

    it.each([
        ["a value against the policy's schema", { "wp-3.2.1.1-password-length": { minLength: "long" } }, /: wp-3\.2\.1\.1-password-length: invalid policy config: minLength: must be integer$/],
        ["a value below the schema's minimum", { "wp-3.2.1.1-password-length": { minLength: 4 } }, /: wp-3\.2\.1\.1-password-length: invalid policy config: minLength: must be >= 8$/],
        ["a policy the pack does not have", { "wp-nope": "mandatory" }, /: wp-nope: no policy of that name in pack fixture-basic$/],
        ["an unknown enforcement level", { all: "strict" }, /: all: enforcement level must be one of advisory, mandatory, remediate, disabled$/],
    ])("%s", (_case, config, line) => {
        const file = tempFile("config.json", JSON.stringify(config));
        const message = failsWith(check(basic, "dev", ["--policy-pack-config", file]), line);
        expect(message.startsWith(`readiness: ${file}: `)).toBe(true);
    });

    it("a policy config file that is not JSON, or missing", () => {
        const file = tempFile("config.json", "{ all: advisory }");
        failsWith(check(basic, "dev", ["--policy-pack-config", file]), new RegExp(`^readiness: ${file}: invalid JSON \\(`));
        failsWith(check(basic, "dev", ["--policy-pack-config", "/no/config.json"]), /^readiness: \/no\/config\.json: file not found$/);
    });

    it("more policy config files than packs", () => {
        const file = tempFile("config.json", "{}");
        failsWith(check(basic, "dev", ["--policy-pack-config", file, "--policy-pack-config", file]), /^readiness: --policy-pack-config: 2 config files for 1 packs/);
    });
});

describe("bad flags", () => {
    it.each([
        [["check", "--bogus"], /^readiness: --bogus: Unknown option '--bogus'$/],
        [["check", "--format", "yaml"], /^readiness: --format: unknown format 'yaml' \(expected text, markdown, json/],
        [["check", "--out-dir", "x"], /^readiness: --out-dir: not an option of 'readiness check'$/],
        [["check", "--stack"], /^readiness: --stack: Option '--stack <value>' argument missing$/],
        [["check", "extra"], /^readiness: arguments: Unexpected argument 'extra'$/],
        [["catalog", "--format", "text"], /^readiness: --format: unknown format 'text' for catalog \(expected json or markdown\)$/],
        [["deploy"], /^readiness: deploy: unknown command \(expected check, catalog, policy-config/],
    ])("%j", (args, line) => {
        failsWith(args, line);
    });

    it("an --out that cannot be written, before any work", () => {
        failsWith([...check(basic), "--out", "/no/such/dir/report.json"], /^readiness: --out: cannot write \/no\/such\/dir\/report\.json \(ENOENT\)$/);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "out-"));
        failsWith([...check(basic), "--out", dir], new RegExp(`^readiness: --out: cannot write ${dir} \\(is a directory\\)$`));
    });

    it("writes no --out file, not even a partial one, when the run fails", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "out-"));
        const out = path.join(dir, "report.json");
        failsWith([...check(path.join(FIXTURES, "programs", "throws")), "--format", "json", "--out", out], /the program failed/);
        failsWith([...check(basic, "dev", ["--policy-pack-config", tempFile("c.json", '{"wp-nope": "advisory"}')]), "--out", out], /no policy of that name/);
        expect(fs.readdirSync(dir)).toEqual([]);
    });
});

// A pack whose policy needs a config property that has no default: without config, invalid.
const STRICT_PACK = `const { PolicyPack } = require("@pulumi/policy");
new PolicyPack("strict", {
    policies: [{
        name: "bucket-limit",
        description: "At most the configured number of buckets.",
        enforcementLevel: "mandatory",
        configSchema: { properties: { limit: { type: "integer" } }, required: ["limit"] },
        validateStack: (args, reportViolation) => {
            if (args.resources.filter((r) => r.type === "aws:s3/bucket:Bucket").length > args.getConfig().limit) reportViolation("too many buckets");
        },
    }],
});
`;

describe("policy config a pack requires", () => {
    it("check: a required property no config sets", () => {
        failsWith(check(basic, "dev", ["--policy-pack", packCopy("third-party", { "index.js": STRICT_PACK })]), /^readiness: policy pack strict: bucket-limit: invalid policy config: must have required property 'limit'$/);
    });

    it("policy-config: writes no file at all when one pack's config is invalid", () => {
        const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-"));
        const strict = packCopy("third-party", { "index.js": STRICT_PACK });
        const result = readiness(["policy-config", "--program", basic, "--stack", "dev", "--policy-pack", pack, "--policy-pack", strict, "--out-dir", outDir]);
        expect(result).toMatchObject({ code: 2, stdout: "", stderr: "readiness: policy pack strict: bucket-limit: invalid policy config: must have required property 'limit'\n" });
        expect(fs.readdirSync(outDir)).toEqual([]);
    });

    it("policy-config: an --out-dir that cannot be created, and flags of another command", () => {
        const file = tempFile("not-a-directory", "");
        const unwritable = readiness(["policy-config", "--program", basic, "--stack", "dev", "--policy-pack", pack, "--out-dir", `${file}/configs`]);
        expect(unwritable).toMatchObject({ code: 2, stdout: "", stderr: `readiness: --out-dir: cannot create ${file}/configs (ENOTDIR)\n` });
        failsWith(["policy-config", "--program", basic, "--format", "json"], /^readiness: --format: not an option of 'readiness policy-config'$/);
    });
});

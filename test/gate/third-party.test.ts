// A pack that is not ours (plain validateResource policies, no framework metadata) on a program
// that is not ours: its violations count for the exit code and are reported in every format;
// secrets a rule quotes never reach a report; the program's console output never reaches the
// report on stdout.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { mockState } from "../../gate/mocks/state";
import { FIXTURES, readiness } from "../helpers/cli";

const program = path.join(FIXTURES, "programs", "engine");
const pack = path.join(FIXTURES, "packs", "third-party");
const base = ["check", "--program", program, "--stack", "dev", "--policy-pack", pack];
const STACK = "urn:pulumi:dev::fixture-engine";

// Every secret the program holds, in plain text: the generated password is deterministic.
const SECRETS = ["tok-8c1f-plaintext-value", "key-4e7a-plaintext-value", String(mockState("random:index/randomPassword:RandomPassword", "db", { length: 20 }, "eu-central-1").state.result)];

const json = readiness([...base, "--format", "json"]);
const text = readiness(base);
const markdown = readiness([...base, "--format", "markdown"]);
const report = JSON.parse(json.stdout);

function policy(name: string) {
    return report.otherPolicies.find((entry: { policy: string }) => entry.policy === name);
}

describe("a third-party pack through the gate", () => {
    it("exits 1 on its mandatory violations and counts only those", () => {
        expect([json.code, text.code, markdown.code]).toEqual([1, 1, 1]);
        expect(report.items).toEqual([]);
        expect(report.packs).toEqual(["third-party"]);
        // buckets-owned once, parameters-echo three times; home-region is advisory.
        expect(report.summary.mandatoryViolations).toBe(4);
    });

    it("reports each of its policies with status and violations naming the resource", () => {
        expect(report.otherPolicies.map((entry: { policy: string; status: string }) => [entry.policy, entry.status])).toEqual([
            ["buckets-owned", "fail"],
            ["home-region", "fail"],
            ["parameters-echo", "fail"],
            ["bucket-arns-known", "pass"],
        ]);
        expect(policy("buckets-owned").violations).toEqual([
            {
                policy: "buckets-owned",
                enforcementLevel: "mandatory",
                severity: "medium",
                urn: `${STACK}::aws:s3/bucket:Bucket::replica`,
                message: "Every S3 bucket carries an owner tag other than nobody.\nbucket replica has no real owner",
            },
        ]);
        expect(report.otherViolations).toHaveLength(5);
    });

    it("shows resource policies the provider of each resource: explicit, or the engine's default one", () => {
        // Only the bucket on the explicit us-west-2 provider is outside eu-central-1, which the
        // default provider takes from the project's aws:region.
        expect(policy("home-region").violations.map((violation: { urn: string; message: string }) => [violation.urn, violation.message.split("\n")[1]])).toEqual([
            [`${STACK}::aws:s3/bucket:Bucket::replica`, "replica is in us-west-2 (provider west)"],
        ]);
    });

    it("never prints a secret a rule quotes, in any format", () => {
        expect(policy("parameters-echo").violations.map((violation: { message: string }) => violation.message.split("\n")[1]).sort()).toEqual([
            "api-key holds '[secret]'",
            "db holds '[secret]'",
            "token holds '[secret]'",
        ]);
        for (const output of [json.stdout, text.stdout, markdown.stdout, json.stderr, text.stderr, markdown.stderr]) {
            for (const secret of SECRETS) {
                expect(output).not.toContain(secret);
            }
        }
        expect(text.stdout).toContain("↳ [mandatory] token holds '[secret]'");
    });

    it("keeps the program's console output off stdout, which carries the report alone", () => {
        expect(json.stdout.startsWith("{\n")).toBe(true);
        expect(json.stdout.endsWith("}\n")).toBe(true);
        for (const line of ["console.log", "console.info", "console.debug", "console.table", "process.stdout.write", "pulumi.log.info", "read existing-bucket-id"]) {
            expect(json.stderr).toContain(line);
            expect(text.stdout).not.toContain(line);
        }
    });

    it("lists its policies in the text and markdown reports", () => {
        expect(text.stdout).toContain("Policies outside the checklists:\n  ❌ third-party/buckets-owned: Every S3 bucket carries an owner tag other than nobody.\n     ↳ [mandatory] bucket replica has no real owner (aws:s3/bucket:Bucket replica)\n");
        expect(text.stdout).toContain("  ✅ third-party/bucket-arns-known: A stack rule over computed outputs (unknown in a first preview).\n");
        expect(text.stdout).toMatch(/Result: FAIL, 4 mandatory violation\(s\)\n$/);
        expect(markdown.stdout).toContain("## Policies outside the checklists");
        expect(markdown.stdout).toContain("- [ ] `third-party/home-region`: Resources live in the home region. ❌ _fail_\n  - ❌ (advisory): replica is in us-west-2 (provider west) — `urn:pulumi:dev::fixture-engine::aws:s3/bucket:Bucket::replica`");
        expect(markdown.stdout).toContain("- [x] `third-party/bucket-arns-known`: A stack rule over computed outputs (unknown in a first preview). ✅");
    });

    it("exits 0 once policy config makes its policies advisory", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cfg-"));
        const file = path.join(dir, "advisory.json");
        fs.writeFileSync(file, JSON.stringify({ all: "advisory" }));
        const result = readiness([...base, "--policy-pack-config", file, "--format", "json"]);
        expect(result.code).toBe(0);
        const advisory = JSON.parse(result.stdout);
        expect(advisory.summary.mandatoryViolations).toBe(0);
        expect(advisory.otherViolations.map((violation: { enforcementLevel: string }) => violation.enforcementLevel)).toEqual(["advisory", "advisory", "advisory", "advisory", "advisory"]);
    });

    it("in a first preview, ends a rule that reads an unknown output unknown, never passed", () => {
        const result = readiness([...base, "--preview", "--format", "json"]);
        const preview = JSON.parse(result.stdout);
        const arns = preview.otherPolicies.find((entry: { policy: string }) => entry.policy === "bucket-arns-known");
        expect(arns).toMatchObject({ status: "unknown", violations: [], notes: ["string value at .arn can't be known during preview"] });
        expect(preview.preview).toBe(true);
        expect(result.code).toBe(1);
    });
});

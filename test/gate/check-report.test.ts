// The gate end to end on the fixture program and pack: statuses, exit codes and every format.
import { FIXTURES, readiness, readinessJson } from "../helpers/cli";
import * as path from "path";
import { checklistItems } from "../../policies/lib/catalog";

const program = path.join(FIXTURES, "programs", "basic");
const pack = path.join(FIXTURES, "packs", "basic");
const base = ["check", "--program", program, "--policy-pack", pack];

function item(report: any, id: string) {
    return report.items.find((entry: any) => entry.id === id);
}

describe("readiness check on the fixture program", () => {
    const dev = readinessJson([...base, "--stack", "dev"]);
    const weak = readinessJson([...base, "--stack", "weak"]);

    it("reports the contract's top-level fields", () => {
        expect(dev.report).toMatchObject({ stack: "dev", program, packs: ["fixture-basic"], preview: false });
        // The stack resource, key, password, 2 buckets (bucketCount 2 in dev), 2 encryption configs, host, secret version,
        // and the default aws and random providers the engine would add.
        expect(dev.report.resources).toBe(11);
        expect(Object.keys(dev.report.summary).sort()).toEqual(["attested", "fail", "mandatoryViolations", "notApplicable", "pass", "unknown", "waived"]);
    });

    it("lists every box of the checklist whose pack ran, in document order", () => {
        expect(dev.report.items).toHaveLength(373);
        expect(dev.report.items[0]).toMatchObject({ checklist: "warden-pbx", id: "WP-1.1.1", verification: "group" });
        expect(dev.report.items.every((entry: any) => entry.checklist === "warden-pbx")).toBe(true);
    });

    it("passes what the program meets", () => {
        expect(item(dev.report, "WP-3.2.1.1")).toMatchObject({ status: "pass", verification: "automated", violations: [], policies: ["wp-3.2.1.1-password-length"] });
        expect(item(dev.report, "WP-5.1.3.3").status).toBe("pass");
        expect(item(dev.report, "WP-5.1.3.4").status).toBe("pass");
    });

    it("fails what the weakened config breaks, naming the resource", () => {
        expect(item(weak.report, "WP-3.2.1.1")).toMatchObject({
            status: "fail",
            violations: [
                {
                    policy: "wp-3.2.1.1-password-length",
                    enforcementLevel: "mandatory",
                    severity: "high",
                    urn: "urn:pulumi:weak::fixture-basic::random:index/randomPassword:RandomPassword::db",
                },
            ],
        });
        expect(item(weak.report, "WP-3.2.1.1").violations[0].message).toContain('random:index/randomPassword:RandomPassword "db": has length 8, below 12');
        expect(item(weak.report, "WP-5.1.3.3").violations[0].message).toContain("no bucket has an encryption configuration");
        expect(item(weak.report, "WP-5.1.3.4").violations[0].urn).toBe("urn:pulumi:weak::fixture-basic::aws:s3/bucket:Bucket::data-0");
    });

    it("says where the program declares each resource a violation names, in TypeScript lines", () => {
        expect(weak.report.sources).toEqual({
            "urn:pulumi:weak::fixture-basic::random:index/randomPassword:RandomPassword::db": { file: "test/fixtures/programs/basic/index.ts", line: 16, column: 18 },
            "urn:pulumi:weak::fixture-basic::aws:s3/bucket:Bucket::data-0": { file: "test/fixtures/programs/basic/index.ts", line: 19, column: 20 },
        });
    });

    it("makes a group the conjunction of its children", () => {
        expect(item(weak.report, "WP-5.1.3").status).toBe("fail");
        expect(item(dev.report, "WP-1.1.1").status).toBe("unknown"); // children without a policy stay unknown
    });

    it("reports a rule that calls notApplicable as not applicable, with the reason", () => {
        expect(item(dev.report, "WP-1.1.1.5")).toMatchObject({ status: "not-applicable", notes: ["the hosts run on a cloud provider, which owns the power supply"] });
    });

    it("fails attested items without an attestation", () => {
        expect(item(dev.report, "WP-11.1.1")).toMatchObject({ status: "fail", verification: "attested" });
        expect(item(dev.report, "WP-11.1.1").violations[0].message).toContain("no attestation recorded");
    });

    it("exits 1 on mandatory violations and counts them", () => {
        expect(dev.code).toBe(1);
        expect(dev.report.summary).toMatchObject({ mandatoryViolations: 2, fail: 2, pass: 3, notApplicable: 1 });
        expect(weak.report.summary.mandatoryViolations).toBe(5);
    });

    it("exits 0 when only advisory policies fail", () => {
        const config = require("fs").mkdtempSync(require("path").join(require("os").tmpdir(), "cfg-"));
        const file = path.join(config, "advisory.json");
        require("fs").writeFileSync(file, JSON.stringify({ all: "advisory" }));
        const result = readinessJson([...base, "--stack", "weak", "--policy-pack-config", file]);
        expect(result.code).toBe(0);
        expect(result.report.summary.mandatoryViolations).toBe(0);
        expect(item(result.report, "WP-3.2.1.1")).toMatchObject({ status: "fail", violations: [{ enforcementLevel: "advisory" }] });
    });

    it("applies policy config from a file through the pack's schema", () => {
        const dir = require("fs").mkdtempSync(require("path").join(require("os").tmpdir(), "cfg-"));
        const file = path.join(dir, "strict.json");
        require("fs").writeFileSync(file, JSON.stringify({ "wp-3.2.1.1-password-length": { minLength: 32 } }));
        const result = readinessJson([...base, "--stack", "dev", "--policy-pack-config", file]);
        expect(item(result.report, "WP-3.2.1.1").violations[0].message).toContain("has length 24, below 32");
    });

    it("prints the checklist as text with the legend and reasons", () => {
        const text = readiness([...base, "--stack", "weak"]);
        expect(text.code).toBe(1);
        expect(text.stdout).toContain("Legend: ✅ pass or attested   ⚠️ unknown or waived   ❌ fail");
        expect(text.stdout).toContain("❌ WP-3.2.1.1 Strong password policy enforced (12+ characters)");
        expect(text.stdout).toContain('↳ [mandatory] random:index/randomPassword:RandomPassword "db": has length 8, below 12');
        expect(text.stdout).toContain("➖ WP-1.1.1.5 Redundant power supply (if available)");
        expect(text.stdout).toMatch(/Failing: 3 automated \(change the program\), 2 attested \(no valid attestation in attestations\/<stack>.yaml\), 2 group headers\nResult: FAIL, 5 mandatory violation\(s\)\n$/);
    });

    it("re-renders the checklist itself as markdown, ticked, with reasons under failures", () => {
        const markdown = readiness([...base, "--stack", "weak", "--format", "markdown"]);
        expect(markdown.code).toBe(1);
        expect(markdown.stdout).toContain("## 1. Infrastructure & Environment");
        expect(markdown.stdout).toContain("- [ ] Strong password policy enforced (12+ characters) ❌ _fail_");
        expect(markdown.stdout).toContain("  - ❌ `wp-3.2.1.1-password-length` (mandatory): random:index/randomPassword:RandomPassword \"db\": has length 8, below 12");
        const dev = readiness([...base, "--stack", "dev", "--format", "markdown"]);
        expect(dev.stdout).toContain("  - [x] Backup encryption enabled ✅\n");
    });

    it("keeps the JSON contract of DESIGN.md: every box, in document order, with the contract's fields and values", () => {
        const catalog = checklistItems("warden-pbx");
        for (const { report } of [dev, weak]) {
            expect(Object.keys(report)).toEqual(expect.arrayContaining(["stack", "program", "resources", "packs", "items", "summary"]));
            expect(report.items.map((entry: any) => entry.id)).toEqual(catalog.map((entry) => entry.id));
            report.items.forEach((entry: any, index: number) => {
                const box = catalog[index];
                expect(entry).toMatchObject({ checklist: "warden-pbx", id: box.id, section: box.section, heading: box.heading, text: box.text });
                expect(["automated", "attested", "group"]).toContain(entry.verification);
                expect(entry.verification === "group").toBe(box.children.length > 0);
                expect(["pass", "fail", "attested", "waived", "unknown", "not-applicable"]).toContain(entry.status);
                for (const violation of entry.violations) {
                    expect(Object.keys(violation).sort()).toEqual(["enforcementLevel", "message", "policy", "severity", "urn"]);
                    expect(["advisory", "mandatory", "remediate", "disabled"]).toContain(violation.enforcementLevel);
                    expect(["low", "medium", "high", "critical"]).toContain(violation.severity);
                    expect(violation.urn === null || violation.urn.startsWith("urn:pulumi:")).toBe(true);
                }
            });
            const count = (status: string) => report.items.filter((entry: any) => entry.status === status).length;
            expect(report.summary).toEqual({
                pass: count("pass"),
                fail: count("fail"),
                attested: count("attested"),
                waived: count("waived"),
                unknown: count("unknown"),
                notApplicable: count("not-applicable"),
                mandatoryViolations: report.items.flatMap((entry: any) => entry.violations).filter((violation: any) => violation.enforcementLevel === "mandatory").length,
            });
        }
    });

    it("groups the text report by checklist section and heading, every box under its own", () => {
        const text = readiness([...base, "--stack", "weak"]).stdout.split("\n");
        const catalog = checklistItems("warden-pbx");
        const sections = [...new Set(catalog.map((entry) => entry.section))];
        const sectionLines = sections.map((section) => text.indexOf(section));
        expect(sectionLines.every((line, index) => line > 0 && (index === 0 || line > sectionLines[index - 1]))).toBe(true);
        let previous = 0;
        for (const box of catalog) {
            const line = text.findIndex((entry, index) => index > previous && entry.includes(` ${box.id} ${box.text}`));
            const section = sections.indexOf(box.section);
            expect(line).toBeGreaterThan(sectionLines[section]);
            if (section + 1 < sections.length) {
                expect(line).toBeLessThan(sectionLines[section + 1]);
            }
            previous = line;
        }
        expect(text).toContain(" 5.1 Backup Strategy");
        expect(text[0]).toBe(`readiness check: stack weak, program ${program}, 8 resources, packs fixture-basic`);
    });

    it("in a first preview, ends a rule that reads an unknown value unknown, never passed, and keeps what is known", () => {
        const preview = readinessJson([...base, "--stack", "dev", "--preview"]);
        expect(preview.report.preview).toBe(true);
        expect(item(preview.report, "WP-5.1.3.3")).toMatchObject({ status: "unknown", violations: [], notes: [expect.stringMatching(/kmsMasterKeyId can't be known during preview$/)] });
        expect(item(preview.report, "WP-5.1.3.4").status).toBe("pass");
        expect(item(preview.report, "WP-3.2.1.1").status).toBe("pass");
        // Unknown is not a violation: the attested sign-offs still decide the exit code.
        expect(preview.report.summary.mandatoryViolations).toBe(2);
        expect(preview.code).toBe(1);
        const text = readiness([...base, "--stack", "dev", "--preview"]).stdout;
        expect(text).toMatch(/⚠️ WP-5\.1\.3\.3 Backup encryption enabled\n\s+↳ .*kmsMasterKeyId can't be known during preview\n/);
        expect(text.split("\n")[0]).toContain("(preview: unknown outputs)");
    });

    it("writes the report to --out whole, and with --timings says where the time went", () => {
        const dir = require("fs").mkdtempSync(require("path").join(require("os").tmpdir(), "out-"));
        const out = path.join(dir, "report.json");
        const result = readiness([...base, "--stack", "dev", "--format", "json", "--out", out, "--timings"]);
        expect(result.code).toBe(1);
        expect(result.stdout).toBe("");
        expect(result.stderr).toMatch(/^readiness: 11 resources; start-up \d+ ms, program \d+ ms, policies \d+ ms\n$/);
        expect(JSON.parse(require("fs").readFileSync(out, "utf8")).items).toHaveLength(373);
    });
});

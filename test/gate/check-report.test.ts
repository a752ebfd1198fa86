// The gate end to end on the fixture program and pack: statuses, exit codes and every format.
import { FIXTURES, readiness, readinessJson } from "../helpers/cli";
import * as path from "path";

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
        expect(text.stdout).toMatch(/Result: FAIL, 5 mandatory violation\(s\)\n$/);
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

    it("writes the report to --out whole", () => {
        const dir = require("fs").mkdtempSync(require("path").join(require("os").tmpdir(), "out-"));
        const out = path.join(dir, "report.json");
        const result = readiness([...base, "--stack", "dev", "--format", "json", "--out", out]);
        expect(result.code).toBe(1);
        expect(result.stdout).toBe("");
        expect(JSON.parse(require("fs").readFileSync(out, "utf8")).items).toHaveLength(373);
    });
});

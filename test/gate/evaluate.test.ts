// How the packs' answers become the checklist: the status of each policy, of each item, and of
// group headers (the conjunction of their children), what counts as a mandatory violation, and
// that no secret a rule quotes survives into the report. Pure function, no pack process.
import { AnalysisResult, AnalyzerInfo, Diagnostic, EnforcementLevel, PolicyConfig, PolicyInfo } from "../../gate/analyzer";
import { EvaluateInput, ItemResult, Report, evaluate } from "../../gate/evaluate";
import { RecordedResource } from "../../gate/program";
import { resource, secret } from "../helpers/policy-harness";

type Outcome = "pass" | "fail" | "unknown" | "waived" | "not-applicable" | "attested" | "attested-missing";

const PACK = "fixture-pack";

function policyFor(item: string, outcome: Outcome, type: PolicyInfo["type"] = "stack"): PolicyInfo {
    const attested = outcome === "attested" || outcome === "attested-missing";
    return {
        name: `p-${item.toLowerCase()}`,
        description: `[${item}] checks it`,
        enforcementLevel: "mandatory",
        severity: "high",
        type,
        framework: { name: "warden-pbx-readiness", version: "1.0.0", reference: item, specification: item },
        tags: [],
        configSchema: { properties: attested ? { attestation: { type: "object" } } : { scope: { type: "string" } }, required: [] },
    };
}

function diagnostic(policy: string, message: string, enforcementLevel: EnforcementLevel = "mandatory", urn?: string): Diagnostic {
    return { policyName: policy, policyPackName: PACK, message, description: "", enforcementLevel, urn };
}

/** One pack whose policies end as asked; the stack analysis carries every answer. */
function packRun(outcomes: Record<string, Outcome>, extra: { policies?: PolicyInfo[]; results?: AnalysisResult[]; config?: Record<string, PolicyConfig> } = {}) {
    const policies = Object.entries(outcomes).map(([item, outcome]) => policyFor(item, outcome));
    const stack: AnalysisResult = { diagnostics: [], notApplicable: [] };
    for (const [item, outcome] of Object.entries(outcomes)) {
        const name = policyFor(item, outcome).name;
        if (outcome === "fail" || outcome === "attested-missing") {
            stack.diagnostics.push(diagnostic(name, `[${item}] checks it\n${item} is not met`));
        } else if (outcome === "unknown") {
            stack.diagnostics.push(diagnostic(name, `can't run policy '${name}' from policy pack '${PACK}@v1.0.0' during preview: string value at .arn can't be known during preview`, "advisory"));
        } else if (outcome === "waived") {
            stack.notApplicable.push({ policyName: name, reason: "waived: 1 violation(s) excused by ops until 2099-01-01 (load test)" });
        } else if (outcome === "not-applicable") {
            stack.notApplicable.push({ policyName: name, reason: `${item} does not apply on a cloud` });
        }
    }
    const info: AnalyzerInfo = { name: PACK, version: "1.0.0", policies: [...policies, ...(extra.policies ?? [])] };
    return { info, config: extra.config ?? {}, results: [...(extra.results ?? []), stack] };
}

function run(packs: ReturnType<typeof packRun>[], resources: RecordedResource[] = []): Report {
    const input: EvaluateInput = { stack: "dev", program: ".", preview: false, resources, packs, attestations: [], waivers: [] };
    return evaluate(input);
}

function item(report: Report, id: string): ItemResult {
    const found = report.items.find((entry) => entry.id === id);
    if (!found) throw new Error(`no item ${id}`);
    return found;
}

describe("evaluate", () => {
    const report = run([
        packRun({
            // A group with a nested group: unknown wins over waived and pass.
            "WP-1.1.3.1": "pass",
            "WP-1.1.3.2": "pass",
            "WP-1.1.3.3": "waived",
            "WP-1.1.3.4.1": "pass",
            "WP-1.1.3.4.2": "unknown",
            "WP-1.1.3.4.3": "not-applicable",
            "WP-1.1.3.4.4": "pass",
            "WP-1.1.3.5": "pass",
            // Fail wins over unknown.
            "WP-1.2.1.1": "fail",
            "WP-1.2.1.2": "unknown",
            "WP-1.2.1.3": "pass",
            "WP-1.2.1.4": "pass",
            "WP-1.2.1.5": "pass",
            "WP-1.2.1.6": "pass",
            "WP-1.2.1.7": "pass",
            // Passed and attested children, one not applicable: the group passes.
            "WP-1.1.1.1": "pass",
            "WP-1.1.1.2": "attested",
            "WP-1.1.1.3": "pass",
            "WP-1.1.1.4": "pass",
            "WP-1.1.1.5": "not-applicable",
            // Every child attested: the group is attested. Every child not applicable: so is the group.
            "WP-1.3.1.1": "attested",
            "WP-1.3.1.2": "attested",
            "WP-1.3.1.3": "attested",
            "WP-1.3.1.4": "attested",
            "WP-1.3.1.5": "attested",
            "WP-1.3.2.1": "not-applicable",
            "WP-1.3.2.2": "not-applicable",
            "WP-1.3.2.3": "not-applicable",
            "WP-1.3.2.4": "not-applicable",
            // An attested item without its attestation fails.
            "WP-11.1.1": "attested-missing",
            // Children that pass, but a rule on the header itself fails: the group fails.
            "WP-1.2.2": "fail",
            "WP-1.2.2.1": "pass",
            "WP-1.2.2.2": "pass",
            "WP-1.2.2.3": "pass",
            "WP-1.2.2.4": "pass",
            "WP-1.2.2.5": "pass",
            "WP-1.2.2.6": "pass",
        }),
    ]);

    it("gives each leaf the status of its policy", () => {
        expect(["WP-1.1.3.1", "WP-1.1.3.3", "WP-1.1.3.4.2", "WP-1.1.3.4.3", "WP-1.1.1.2", "WP-1.2.1.1", "WP-11.1.1"].map((id) => [id, item(report, id).status])).toEqual([
            ["WP-1.1.3.1", "pass"],
            ["WP-1.1.3.3", "waived"],
            ["WP-1.1.3.4.2", "unknown"],
            ["WP-1.1.3.4.3", "not-applicable"],
            ["WP-1.1.1.2", "attested"],
            ["WP-1.2.1.1", "fail"],
            ["WP-11.1.1", "fail"],
        ]);
        expect(item(report, "WP-1.1.3.4.2").notes).toEqual(["string value at .arn can't be known during preview"]);
        expect(item(report, "WP-1.1.3.3").notes).toEqual(["waived: 1 violation(s) excused by ops until 2099-01-01 (load test)"]);
        expect(item(report, "WP-1.1.1.2").verification).toBe("attested");
        expect(item(report, "WP-1.1.1.1").verification).toBe("automated");
    });

    it("leaves an item no policy covers unknown, never passed", () => {
        expect(item(report, "WP-1.1.2.1")).toMatchObject({ status: "unknown", notes: ["no policy of the packs that ran covers this item"], policies: [] });
        expect(item(report, "WP-1.1.2").status).toBe("unknown");
    });

    it("makes a group header the conjunction of its children: fail, then unknown, then waived, before pass", () => {
        expect(item(report, "WP-1.1.3.4")).toMatchObject({ verification: "group", status: "unknown", notes: ["WP-1.1.3.4.2 is unknown"] });
        expect(item(report, "WP-1.1.3")).toMatchObject({ status: "unknown", notes: ["WP-1.1.3.4 is unknown"] });
        expect(item(report, "WP-1.2.1")).toMatchObject({ status: "fail", notes: ["WP-1.2.1.1 is fail"] });
        expect(item(report, "WP-1.1.1")).toMatchObject({ status: "pass", notes: [] });
        expect(item(report, "WP-1.3.1").status).toBe("attested");
        expect(item(report, "WP-1.3.2").status).toBe("not-applicable");
    });

    it("fails a group whose own policy fails even when every child passes", () => {
        expect(item(report, "WP-1.2.2")).toMatchObject({ verification: "group", status: "fail" });
        expect(item(report, "WP-1.2.2").violations).toEqual([{ policy: "p-wp-1.2.2", enforcementLevel: "mandatory", severity: "high", urn: null, message: "[WP-1.2.2] checks it\nWP-1.2.2 is not met" }]);
    });

    it("counts summary statuses over every item and mandatory violations over every violation", () => {
        const counts = (status: string) => report.items.filter((entry) => entry.status === status).length;
        expect(report.summary).toEqual({
            pass: counts("pass"),
            fail: counts("fail"),
            attested: counts("attested"),
            waived: counts("waived"),
            unknown: counts("unknown"),
            notApplicable: counts("not-applicable"),
            mandatoryViolations: 3,
        });
        expect(report.items).toHaveLength(373);
    });

    it("reports a disabled policy as unknown, never as passed", () => {
        const disabled = run([packRun({ "WP-1.1.1.1": "pass" }, { config: { "p-wp-1.1.1.1": { enforcementLevel: "disabled", properties: {} } } })]);
        expect(item(disabled, "WP-1.1.1.1")).toMatchObject({ status: "unknown", notes: ["p-wp-1.1.1.1 is disabled in the policy config, so nothing checked it"] });
    });

    it("counts a violation at remediate level as mandatory, as the CLI does", () => {
        const remediate = policyFor("WP-1.1.1.1", "fail");
        const result = run([
            packRun({}, { policies: [remediate], results: [{ diagnostics: [diagnostic(remediate.name, "not remediable", "remediate")], notApplicable: [] }] }),
        ]);
        expect(item(result, "WP-1.1.1.1").violations[0].enforcementLevel).toBe("mandatory");
        expect(result.summary.mandatoryViolations).toBe(1);
    });

    it("makes a resource policy not applicable only when it applied to no analyzed resource", () => {
        const resources = [resource("aws:s3/bucket:Bucket", "a", {}), resource("aws:s3/bucket:Bucket", "b", {}), { ...resource("aws:s3/bucket:Bucket", "read", {}), read: true }];
        const policy = policyFor("WP-1.1.1.1", "pass", "resource");
        const skipped = (urn: string) => ({ diagnostics: [], notApplicable: [{ policyName: policy.name, reason: "only for volumes", urn }] });
        const partly = run([packRun({}, { policies: [policy], results: [skipped(resources[0].urn)] })], resources);
        expect(item(partly, "WP-1.1.1.1").status).toBe("pass");
        const wholly = run([packRun({}, { policies: [policy], results: [skipped(resources[0].urn), skipped(resources[1].urn)] })], resources);
        expect(item(wholly, "WP-1.1.1.1")).toMatchObject({ status: "not-applicable", notes: ["only for volumes"] });
    });

    it("redacts every secret the resources hold from messages and notes", () => {
        const resources = [resource("aws:ssm/parameter:Parameter", "token", { value: secret("s3cr3t-v4lue") })];
        const leaking = policyFor("WP-1.1.1.1", "fail");
        const noting = policyFor("WP-1.1.1.2", "not-applicable");
        const result = run(
            [
                packRun({}, {
                    policies: [leaking, noting],
                    results: [{ diagnostics: [diagnostic(leaking.name, "token holds s3cr3t-v4lue", "mandatory", resources[0].urn)], notApplicable: [{ policyName: noting.name, reason: "s3cr3t-v4lue is fine" }] }],
                }),
            ],
            resources,
        );
        expect(item(result, "WP-1.1.1.1").violations[0].message).toBe("token holds [secret]");
        expect(item(result, "WP-1.1.1.2").notes).toEqual(["[secret] is fine"]);
        expect(JSON.stringify(result)).not.toContain("s3cr3t-v4lue");
    });

    it("reports every box of a kit pack's checklist even when the pack has no policy yet, unknown", () => {
        const empty = { info: { name: "voiceassist-readiness", version: "0.1.0", policies: [] }, config: {}, results: [{ diagnostics: [], notApplicable: [] }] };
        const result = run([empty]);
        expect(result.items).toHaveLength(302);
        expect(result.items.every((entry) => entry.checklist === "voiceassist" && entry.status === "unknown")).toBe(true);
        expect(result.summary).toMatchObject({ unknown: 302, pass: 0, mandatoryViolations: 0 });
    });

    it("keeps policies outside the checklists apart, with their status, and counts their violations", () => {
        const outside: PolicyInfo = { ...policyFor("WP-1.1.1.1", "fail"), name: "no-public-buckets", framework: undefined };
        const result = run([packRun({}, { policies: [outside], results: [{ diagnostics: [diagnostic("no-public-buckets", "bucket a is public")], notApplicable: [] }] })]);
        expect(result.items).toEqual([]);
        expect(result.otherPolicies).toEqual([{ pack: PACK, policy: "no-public-buckets", description: outside.description, status: "fail", violations: [expect.objectContaining({ message: "bucket a is public", enforcementLevel: "mandatory" })], notes: [] }]);
        expect(result.otherViolations).toHaveLength(1);
        expect(result.summary.mandatoryViolations).toBe(1);
    });
});

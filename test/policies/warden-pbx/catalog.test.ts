// Meta-tests of the Warden PBX pack: every box of the checklist is covered, every policy carries
// complete metadata, enforcement follows the checklist's own wording, and every automated rule is
// exercised by a rule test.
import * as fs from "fs";
import * as path from "path";
import { checklistItems, isGroup } from "../../../policies/lib/catalog";
import { itemsOf } from "../../../policies/lib/registry";
import { FRAMEWORKS } from "../../../policies/lib/rule";
import { wardenRegistry } from "../../../policies/warden-pbx/registry";
import { ROOT } from "../../helpers/cli";
import { analyzeStack } from "../../helpers/policy-harness";

const registry = wardenRegistry();
const items = checklistItems("warden-pbx");
const policies = registry.policies();

describe("the Warden PBX pack", () => {
    it("covers all 373 boxes: every leaf has a policy, every group is decided by its children", () => {
        expect(items).toHaveLength(373);
        const uncovered = items.filter((item) => !isGroup(item) && registry.policyNamesFor(item).length === 0).map((item) => item.id);
        expect(uncovered).toEqual([]);
        for (const group of items.filter(isGroup)) {
            expect(registry.policyNamesFor(group)).toEqual([]);
            expect(registry.verificationOf(group)).toBe("group");
        }
    });

    it("decides each leaf either by automated rules or by one attestation, never both", () => {
        for (const item of items.filter((entry) => !isGroup(entry))) {
            const rules = registry.rulesFor(item.id);
            const kinds = new Set(rules.map((rule) => rule.kind));
            expect({ item: item.id, mixed: kinds.size > 1, attestations: rules.filter((rule) => rule.kind === "attested").length <= 1 }).toEqual({ item: item.id, mixed: false, attestations: true });
        }
    });

    it("gives every policy complete metadata", () => {
        for (const policy of policies) {
            const item = items.find((entry) => entry.id === policy.framework?.reference);
            expect(item).toBeDefined();
            expect(policy).toMatchObject({
                framework: { name: FRAMEWORKS["warden-pbx"].name, version: FRAMEWORKS["warden-pbx"].version, reference: item!.id, specification: item!.text },
            });
            expect(["low", "medium", "high", "critical"]).toContain(policy.severity);
            expect(policy.remediationSteps?.length).toBeGreaterThan(20);
            expect(policy.description.length).toBeGreaterThan(item!.text.length + 20);
            for (const [key, property] of Object.entries(policy.configSchema?.properties ?? {})) {
                expect({ key, description: typeof (property as { description?: unknown }).description }).toEqual({ key, description: "string" });
            }
        }
    });

    it("is mandatory except where the checklist says optional, recommended or if applicable", () => {
        for (const policy of policies) {
            const item = items.find((entry) => entry.id === policy.framework?.reference)!;
            expect({ item: item.id, level: policy.enforcementLevel }).toEqual({ item: item.id, level: item.conditional ? "advisory" : "mandatory" });
        }
    });

    it("automates the items a program can show: 162 of 323 leaves", () => {
        const leaves = items.filter((item) => !isGroup(item));
        const automated = leaves.filter((item) => registry.verificationOf(item) === "automated");
        expect(leaves).toHaveLength(323);
        expect(automated).toHaveLength(162);
        // Sections 1-5 describe the environment; 6-11 are mostly tests, documents and sign-offs.
        const environment = leaves.filter((item) => Number(item.id.split("-")[1].split(".")[0]) <= 5);
        expect(environment.filter((item) => registry.verificationOf(item) === "automated").length / environment.length).toBeGreaterThan(0.8);
    });

    it("has a rule test (describeRule: pass, fail and unknown cases) importing every automated rule", () => {
        const testDir = path.join(ROOT, "test", "policies", "warden-pbx");
        const tests = fs.readdirSync(testDir).filter((file) => file.endsWith(".test.ts")).map((file) => fs.readFileSync(path.join(testDir, file), "utf8")).join("\n");
        const untested = registry
            .all()
            .flatMap((rule) => (rule.kind === "automated" ? [rule.name] : []))
            .filter((name) => !tests.includes(`/policies/warden-pbx/rules/${findRuleFile(name).replace(/\.ts$/, "")}"`));
        expect(untested).toEqual([]);
    });

    it("fails every automated policy on a program that has nothing: no rule passes vacuously", async () => {
        const automated = policies.filter((policy) => policy.tags?.includes("automated"));
        const run = await analyzeStack(automated, []);
        const failing = new Set(run.violations.map((violation) => violation.policy));
        expect(automated.map((policy) => policy.name).filter((name) => !failing.has(name))).toEqual([]);
        expect(run.notApplicable).toEqual([]);
    });

    it("names each policy after its item and rule", () => {
        const names = policies.map((policy) => policy.name);
        expect(new Set(names).size).toBe(names.length);
        expect(policies.length).toBe(registry.all().reduce((count, rule) => count + itemsOf(rule).length, 0));
    });
});

/** "pbx-cpu-cores" -> "hosts/pbx-cpu-cores.ts": rule files are named after their rule. */
function findRuleFile(name: string): string {
    const rules = path.join(ROOT, "policies", "warden-pbx", "rules");
    for (const area of fs.readdirSync(rules)) {
        if (fs.existsSync(path.join(rules, area, `${name}.ts`))) {
            return `${area}/${name}.ts`;
        }
    }
    throw new Error(`no file policies/warden-pbx/rules/<area>/${name}.ts for rule ${name}`);
}

// Meta-tests of the VoiceAssist pack: every box of the checklist is covered, every policy carries
// complete metadata (HIPAA items high or critical), enforcement follows the checklist's own wording,
// the automated share is what the pack claims, every automated rule is exercised by a rule test,
// and no automated policy passes on a program that has nothing.
import * as fs from "fs";
import * as path from "path";
import { checklistItems, isGroup } from "../../../policies/lib/catalog";
import { itemsOf } from "../../../policies/lib/registry";
import { FRAMEWORKS } from "../../../policies/lib/rule";
import { voiceassistRegistry } from "../../../policies/voiceassist/registry";
import { ROOT } from "../../helpers/cli";
import { analyzeStack } from "../../helpers/policy-harness";

const registry = voiceassistRegistry();
const items = checklistItems("voiceassist");
const policies = registry.policies();
const leaves = items.filter((item) => !isGroup(item));

/** HIPAA boxes: the HIPAA headings of sections 11 and 16, encryption, audit logging and access control. */
const HIPAA = /^VA-(11\.1|11\.2|16\.1|16\.3)\./;

describe("the VoiceAssist pack", () => {
    it("covers all 302 boxes: every leaf has a policy, every group is decided by its children", () => {
        expect(items).toHaveLength(302);
        expect(leaves.filter((item) => registry.policyNamesFor(item).length === 0).map((item) => item.id)).toEqual([]);
        for (const group of items.filter(isGroup)) {
            expect(registry.verificationOf(group)).toBe("group");
        }
    });

    it("decides each leaf either by automated rules or by one attestation, never both", () => {
        for (const item of leaves) {
            const rules = registry.rulesFor(item.id);
            const kinds = new Set(rules.map((rule) => rule.kind));
            expect({ item: item.id, mixed: kinds.size > 1, attestations: rules.filter((rule) => rule.kind === "attested").length <= 1 }).toEqual({ item: item.id, mixed: false, attestations: true });
        }
    });

    it("gives every policy complete metadata, with HIPAA items high or critical", () => {
        for (const policy of policies) {
            const item = items.find((entry) => entry.id === policy.framework?.reference);
            expect(item).toBeDefined();
            expect(policy).toMatchObject({
                framework: { name: FRAMEWORKS.voiceassist.name, version: FRAMEWORKS.voiceassist.version, reference: item!.id, specification: item!.text },
            });
            expect(["low", "medium", "high", "critical"]).toContain(policy.severity);
            if (HIPAA.test(item!.id) && !item!.conditional) {
                expect({ item: item!.id, severity: policy.severity }).toEqual({ item: item!.id, severity: expect.stringMatching(/^(high|critical)$/) });
            }
            expect(policy.remediationSteps?.length).toBeGreaterThan(20);
            expect(policy.description.length).toBeGreaterThan(item!.text.length + 20);
            for (const [key, property] of Object.entries(policy.configSchema?.properties ?? {})) {
                expect({ key, description: typeof (property as { description?: unknown }).description }).toEqual({ key, description: "string" });
            }
        }
    });

    it("names the kit's config keys or the user's program in every automated remediation", () => {
        for (const rule of registry.all()) {
            if (rule.kind === "automated") {
                expect({ rule: rule.name, names: /readiness-kit:voiceassist|In your own program|The kit/.test(rule.remediationSteps) }).toEqual({ rule: rule.name, names: true });
            }
        }
    });

    it("is mandatory except where the checklist says optional, recommended or if applicable", () => {
        for (const policy of policies) {
            const item = items.find((entry) => entry.id === policy.framework?.reference)!;
            expect({ item: item.id, level: policy.enforcementLevel }).toEqual({ item: item.id, level: item.conditional ? "advisory" : "mandatory" });
        }
        expect(leaves.filter((item) => item.conditional).map((item) => item.id)).toEqual(["VA-1.3.7", "VA-2.2.1", "VA-2.2.2", "VA-2.2.3", "VA-3.5.6", "VA-10.3.3", "VA-11.2.3", "VA-13.3.4", "VA-15.1.2", "VA-16.2.1"]);
    });

    it("automates the items a program can show: 167 of 302 leaves, more than 75% of sections 1-11", () => {
        const automated = leaves.filter((item) => registry.verificationOf(item) === "automated");
        expect(leaves).toHaveLength(302);
        expect(automated).toHaveLength(167);
        // Sections 1-11 describe the environment; 12-16 and the post-deployment actions are tests, documents, training and sign-offs.
        const environment = leaves.filter((item) => Number(item.id.split("-")[1].split(".")[0]) <= 11);
        expect(environment).toHaveLength(212);
        expect(environment.filter((item) => registry.verificationOf(item) === "automated").length / environment.length).toBeGreaterThan(0.75);
    });

    it("has a rule test (describeRule: pass, fail and unknown cases) importing every automated rule", () => {
        const testDir = path.join(ROOT, "test", "policies", "voiceassist");
        const tests = fs.readdirSync(testDir).filter((file) => file.endsWith(".test.ts")).map((file) => fs.readFileSync(path.join(testDir, file), "utf8")).join("\n");
        const untested = registry
            .all()
            .flatMap((rule) => (rule.kind === "automated" ? [rule.name] : []))
            .filter((name) => !tests.includes(`/policies/voiceassist/rules/${findRuleFile(name).replace(/\.ts$/, "")}"`));
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

/** "memory" -> "hosts/memory.ts": rule files are named after their rule. */
function findRuleFile(name: string): string {
    const rules = path.join(ROOT, "policies", "voiceassist", "rules");
    for (const area of fs.readdirSync(rules)) {
        if (fs.existsSync(path.join(rules, area, `${name}.ts`))) {
            return `${area}/${name}.ts`;
        }
    }
    throw new Error(`no file policies/voiceassist/rules/<area>/${name}.ts for rule ${name}`);
}

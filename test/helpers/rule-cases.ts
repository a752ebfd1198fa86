// Table-driven rule tests: every rule passes on a compliant environment, fails on each listed
// change (with a message naming what is wrong, and the resource when one is at fault), and ends
// unknown, never passed, when a value it needs is unknown. `ruleCases` binds the table to a pack
// and to the function building its compliant environment.
import { ChecklistName } from "../../policies/lib/catalog";
import { AutomatedRule } from "../../policies/lib/rule";
import { Environment } from "./environment";
import { PolicyRun, runRule, withConfig } from "./policy-harness";

export interface FailCase {
    /** What was changed, read as "fails when ...". */
    when: string;
    change: (env: Environment) => void;
    /** Expected message (exact string = whole message; RegExp = matches). */
    message: string | RegExp;
    /** Name of the resource the violation must name. */
    resource?: string;
}

export interface RuleCases {
    rule: AutomatedRule;
    /** Changes applied to the compliant environment before every case (for items the kit leaves to the user). */
    baseline?: (env: Environment) => void;
    /** Config overrides applied in every case. */
    config?: Record<string, unknown>;
    /** Extra passing variants besides the compliant environment. */
    passes?: { when: string; change: (env: Environment) => void; config?: Record<string, unknown> }[];
    fails: FailCase[];
    /** Makes a value the rule needs unknown. */
    unknown: (env: Environment) => void;
    /** The compliant environment ends the rule not applicable (e.g. power supplies on EC2). */
    compliantIsNotApplicable?: boolean;
    /** Changes after which the rule declares itself not applicable, with the reason. */
    notApplicable?: { when: string; change: (env: Environment) => void; reason: RegExp };
}

export function ruleCases(checklist: ChecklistName, environment: () => Environment) {
    async function run(rule: AutomatedRule, change: (env: Environment) => void = () => undefined, config?: Record<string, unknown>, baseline?: (env: Environment) => void): Promise<PolicyRun> {
        const env = environment();
        baseline?.(env);
        change(env);
        return runRule(checklist, config ? withConfig(rule, config) : rule, env.resources());
    }

    function describeRule(cases: RuleCases): void {
        const { rule } = cases;
        const policies = rule.items.map((item) => `${item.toLowerCase()}-${rule.name}`);
        describe(`${rule.name} (${rule.items.join(", ")})`, () => {
            if (!cases.compliantIsNotApplicable) {
                it("passes on the compliant environment", async () => {
                    expect(await run(rule, undefined, cases.config, cases.baseline)).toEqual({ violations: [], notApplicable: [], unknown: [] });
                });
            }
            for (const variant of cases.passes ?? []) {
                it(`passes when ${variant.when}`, async () => {
                    expect(await run(rule, variant.change, { ...cases.config, ...variant.config }, cases.baseline)).toEqual({ violations: [], notApplicable: [], unknown: [] });
                });
            }
            for (const failure of cases.fails) {
                it(`fails when ${failure.when}`, async () => {
                    const result = await run(rule, failure.change, cases.config, cases.baseline);
                    expect(result.unknown).toEqual([]);
                    expect(result.violations.length).toBeGreaterThan(0);
                    expect(new Set(result.violations.map((violation) => violation.policy))).toEqual(new Set(policies));
                    const matching = result.violations.filter((violation) => (typeof failure.message === "string" ? violation.message === failure.message : failure.message.test(violation.message)));
                    if (matching.length === 0) {
                        throw new Error(`no violation matches ${failure.message}; got:\n${result.violations.map((violation) => violation.message).join("\n")}`);
                    }
                    if (failure.resource) {
                        expect(matching.some((violation) => violation.urn?.endsWith(`::${failure.resource}`))).toBe(true);
                    }
                });
            }
            it("is unknown, not passed, when a value it reads is unknown", async () => {
                const result = await run(rule, cases.unknown, cases.config, cases.baseline);
                expect(result.violations).toEqual([]);
                expect(result.unknown.sort()).toEqual([...policies].sort());
            });
            if (cases.notApplicable) {
                const { when, change, reason } = cases.notApplicable;
                it(`is not applicable when ${when}`, async () => {
                    const result = await run(rule, change, cases.config, cases.baseline);
                    expect(result.violations).toEqual([]);
                    expect(result.notApplicable.map((entry) => entry.policy).sort()).toEqual([...policies].sort());
                    result.notApplicable.forEach((entry) => expect(entry.reason).toMatch(reason));
                });
            }
        });
    }

    return { run, describeRule };
}

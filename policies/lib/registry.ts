// A pack's rules. Adding a rule whose name (or whose policy name) is taken throws, so that two
// files can never silently decide the same policy.
import { StackValidationPolicy } from "@pulumi/policy";
import { ChecklistItem, ChecklistName, checklistItems, isGroup } from "./catalog";
import { Rule, policyName, requireItem, toPolicy } from "./rule";

export type Verification = "automated" | "attested" | "group";

export class RuleRegistry {
    private readonly rules: Rule[] = [];
    private readonly ruleNames = new Set<string>();
    private readonly policyNames = new Set<string>();

    constructor(readonly checklist: ChecklistName) {}

    add(...rules: Rule[]): this {
        for (const rule of rules) {
            const ruleName = rule.kind === "automated" ? rule.name : `attested:${rule.item}`;
            if (this.ruleNames.has(ruleName)) {
                throw new Error(`duplicate rule "${ruleName}" in the ${this.checklist} registry`);
            }
            for (const itemId of itemsOf(rule)) {
                const name = policyName(requireItem(itemId), rule);
                if (this.policyNames.has(name)) {
                    throw new Error(`duplicate policy "${name}" in the ${this.checklist} registry`);
                }
                this.policyNames.add(name);
            }
            this.ruleNames.add(ruleName);
            this.rules.push(rule);
        }
        return this;
    }

    all(): readonly Rule[] {
        return this.rules;
    }

    /** One policy per (rule, item). */
    policies(): StackValidationPolicy[] {
        return this.rules.flatMap((rule) => itemsOf(rule).map((itemId) => toPolicy(rule, itemId, this.checklist)));
    }

    rulesFor(itemId: string): Rule[] {
        return this.rules.filter((rule) => itemsOf(rule).includes(itemId));
    }

    policyNamesFor(item: ChecklistItem): string[] {
        return this.rulesFor(item.id).map((rule) => policyName(item, rule));
    }

    verificationOf(item: ChecklistItem): Verification | undefined {
        if (isGroup(item)) {
            return "group";
        }
        const rules = this.rulesFor(item.id);
        if (rules.some((rule) => rule.kind === "automated")) {
            return "automated";
        }
        return rules.length > 0 ? "attested" : undefined;
    }

    items(): ChecklistItem[] {
        return checklistItems(this.checklist);
    }
}

export function itemsOf(rule: Rule): string[] {
    return rule.kind === "automated" ? rule.items : [rule.item];
}

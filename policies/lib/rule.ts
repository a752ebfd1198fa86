// The two kinds of checklist rule and how each becomes a CrossGuard stack policy.
//
// Every policy is a stack validation policy: readiness items are about the whole environment
// ("a database exists and is encrypted", "an alarm watches disk space"), so a rule sees every
// resource, reports a violation when what the item asks for is missing, and names the offending
// resource otherwise. Reading a value that is unknown during preview throws the SDK's
// UnknownValueError, which the SDK turns into "can't run policy during preview": the item ends
// unknown, never passed.
import {
    EnforcementLevel,
    PolicyResource,
    ReportViolation,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { ATTESTATION_SCHEMA, Attestation, attestationProblem } from "./attestation";
import { CHECKLISTS, ChecklistItem, ChecklistName, findItem } from "./catalog";
import { SCOPE_SCHEMA, Scope, scoped } from "./scope";
import { Violation, WAIVERS_SCHEMA, Waiver, applyWaivers, waivedReason } from "./waiver";

/** A config property of a rule: JSON schema with a description and a default equal to the checklist. */
export type ConfigProperty<T> = PolicyConfigJSONSchema & { description: string; default: T };
export type ConfigSchema<C> = { [K in keyof C]: ConfigProperty<C[K]> };

export interface RuleContext<C> {
    /** The resources in the pack's scope. */
    resources: PolicyResource[];
    /** The rule's config, defaults applied. */
    config: C;
    /** Reports that the item is not met; name the resource when one is at fault. */
    report(message: string, resource?: PolicyResource): void;
    /** Ends the rule: the item does not apply to this program, for the reason given. */
    notApplicable(reason: string): never;
}

export interface AutomatedRuleDefinition<C> {
    /** Short slug, unique in the pack; the policy name is `<item id>-<name>`. */
    name: string;
    /** The checklist item ids this rule decides. */
    items: string[];
    /** One sentence: what the rule checks. */
    description: string;
    severity: Severity;
    /** What to change, in the kit's config or in the user's program, to pass. */
    remediationSteps: string;
    config?: ConfigSchema<C>;
    validate(context: RuleContext<C>): void;
}

/** A rule with its config type erased, as the registry holds it. */
export interface AutomatedRule {
    kind: "automated";
    name: string;
    items: string[];
    description: string;
    severity: Severity;
    remediationSteps: string;
    config: Record<string, ConfigProperty<unknown>>;
    validate(context: RuleContext<Record<string, unknown>>): void;
}

/** An item no program can show: it passes only with a valid attestation. */
export interface AttestedItem {
    kind: "attested";
    item: string;
    severity: Severity;
    /** What the attesting person must have seen, e.g. "signed restore test report". */
    evidence: string;
}

export type Rule = AutomatedRule | AttestedItem;

export function automatedRule<C extends object = Record<string, never>>(definition: AutomatedRuleDefinition<C>): AutomatedRule {
    return {
        kind: "automated",
        name: definition.name,
        items: definition.items,
        description: definition.description,
        severity: definition.severity,
        remediationSteps: definition.remediationSteps,
        config: (definition.config ?? {}) as Record<string, ConfigProperty<unknown>>,
        validate: definition.validate as AutomatedRule["validate"],
    };
}

export function attested(item: string, severity: Severity, evidence: string): AttestedItem {
    return { kind: "attested", item, severity, evidence };
}

export const FRAMEWORKS: Record<ChecklistName, { name: string; version: string }> = {
    "warden-pbx": { name: "warden-pbx-readiness", version: "1.0.0" },
    voiceassist: { name: "voiceassist-readiness", version: "1.0" },
};

function slug(text: string, max = 40): string {
    // "System Administrator: ____ Date: ____" -> "system-administrator"
    const words = text
        .replace(/:\s*_+.*$/, "")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, " ")
        .trim()
        .split(" ");
    let result = "";
    for (const word of words) {
        const next = result ? `${result}-${word}` : word;
        if (next.length > max) {
            break;
        }
        result = next;
    }
    return result || "item";
}

export function requireItem(id: string): ChecklistItem {
    const item = findItem(id);
    if (!item) {
        throw new Error(`unknown checklist item ${id}`);
    }
    return item;
}

export function policyName(item: ChecklistItem, rule: Rule): string {
    return `${item.id.toLowerCase()}-${rule.kind === "automated" ? rule.name : slug(item.text)}`;
}

/** Mandatory unless the checklist itself says optional, recommended or "if ...". */
export function enforcementFor(item: ChecklistItem): EnforcementLevel {
    return item.conditional ? "advisory" : "mandatory";
}

export function describeResource(resource: PolicyResource): string {
    return `${resource.type} "${resource.name}"`;
}

function withDefaults(config: Record<string, unknown>, schema: Record<string, PolicyConfigJSONSchema>): Record<string, unknown> {
    const result: Record<string, unknown> = { ...config };
    for (const [key, property] of Object.entries(schema)) {
        if (result[key] === undefined && property.default !== undefined) {
            result[key] = property.default;
        }
    }
    return result;
}

/** Reports what no waiver excuses; when waivers excuse everything, ends the policy as waived. */
function finish(violations: Violation[], waivers: Waiver[], args: StackValidationArgs, reportViolation: ReportViolation): void {
    const outcome = applyWaivers(violations, waivers);
    for (const violation of outcome.remaining) {
        reportViolation(violation.message, violation.urn);
    }
    for (const waiver of outcome.expired) {
        reportViolation(`The waiver owned by ${waiver.owner} (${waiver.reason}) expired on ${waiver.expires}: renew it with a new expiry or remove it.`);
    }
    if (outcome.remaining.length === 0 && outcome.expired.length === 0 && outcome.waived.length > 0) {
        args.notApplicable(waivedReason(outcome.waived));
    }
}

function baseSchema(rule: Rule): Record<string, PolicyConfigJSONSchema> {
    if (rule.kind === "automated") {
        return { ...rule.config, scope: SCOPE_SCHEMA, waivers: WAIVERS_SCHEMA };
    }
    return { attestation: ATTESTATION_SCHEMA, waivers: WAIVERS_SCHEMA };
}

export function remediationFor(item: ChecklistItem, rule: Rule): string {
    if (rule.kind === "automated") {
        return rule.remediationSteps;
    }
    return (
        `A person checks "${item.text}" and records it in attestations/<stack>.yaml ` +
        `(item: ${item.id}, by, role, date, evidence, expires); expected evidence: ${rule.evidence}. ` +
        `Then run \`readiness policy-config --stack <stack>\` for the plain Pulumi CLI.`
    );
}

/** The CrossGuard policy for one item of a rule. */
export function toPolicy(rule: Rule, itemId: string, checklist: ChecklistName): StackValidationPolicy {
    const item = requireItem(itemId);
    if (item.checklist !== checklist) {
        throw new Error(`rule for ${itemId} is in the ${checklist} pack but the item belongs to ${item.checklist}`);
    }
    const schema = baseSchema(rule);
    const what = rule.kind === "automated" ? rule.description : `Attested by a person: ${rule.evidence}.`;
    const validateStack = (args: StackValidationArgs, reportViolation: ReportViolation): void => {
        const config = withDefaults(args.getConfig<Record<string, unknown>>(), schema);
        const waivers = (config.waivers ?? []) as Waiver[];
        const violations: Violation[] = [];
        if (rule.kind === "automated") {
            rule.validate({
                resources: scoped(args.resources, config.scope as Scope, checklist),
                config,
                report: (message, resource) =>
                    violations.push(resource ? { message: `${describeResource(resource)}: ${message}`, urn: resource.urn } : { message }),
                notApplicable: (reason) => args.notApplicable(reason),
            });
        } else {
            const problem = attestationProblem(config.attestation as Attestation | undefined);
            if (problem) {
                violations.push({ message: problem });
            }
        }
        finish(violations, waivers, args, reportViolation);
    };
    return {
        name: policyName(item, rule),
        description: `[${item.id}] ${item.text}. ${what}`,
        enforcementLevel: enforcementFor(item),
        severity: rule.severity,
        framework: { ...FRAMEWORKS[checklist], reference: item.id, specification: item.text },
        remediationSteps: remediationFor(item, rule),
        tags: [checklist, `section-${item.id.split("-")[1].split(".")[0]}`, rule.kind],
        configSchema: { properties: schema },
        validateStack,
    };
}

export { CHECKLISTS };

// Turns what the packs answered into the checklist: every box of every checklist whose pack ran,
// in document order, with a status and the violations behind it. A policy that could not run on
// unknown values makes its item unknown; a waived violation makes it waived; never a pass.
import * as path from "path";
import { ChecklistItem, ChecklistName, checklistItems } from "../policies/lib/catalog";
import { FRAMEWORKS } from "../policies/lib/rule";
import { WAIVED_PREFIX } from "../policies/lib/waiver";
import { AnalysisResult, AnalyzerInfo, Diagnostic, EnforcementLevel, PolicyConfig, PolicyInfo, Severity } from "./analyzer";
import { AttestationRecord, WaiverRecord } from "./policy-config";
import { RecordedResource, isAnalyzed, redactor, secretValues } from "./program";

export type Status = "pass" | "fail" | "attested" | "waived" | "unknown" | "not-applicable";
export type Verification = "automated" | "attested" | "group";

export interface ItemViolation {
    policy: string;
    enforcementLevel: EnforcementLevel;
    severity: Severity;
    urn: string | null;
    message: string;
}

export interface ItemResult {
    checklist: ChecklistName;
    id: string;
    section: string;
    heading: string;
    text: string;
    verification: Verification;
    status: Status;
    violations: ItemViolation[];
    /** Extensions of the contract: the item's policies, why it is unknown / waived / not applicable, how to fix it. */
    policies: string[];
    notes: string[];
    remediation: string[];
    parent: string | null;
    depth: number;
    attestation?: Omit<AttestationRecord, "item">;
    waivers?: Omit<WaiverRecord, "policy">[];
}

export interface Summary {
    pass: number;
    fail: number;
    attested: number;
    waived: number;
    unknown: number;
    notApplicable: number;
    mandatoryViolations: number;
}

/** A policy that belongs to no checklist item (from a pack that is not ours). */
export interface OtherPolicyResult {
    pack: string;
    policy: string;
    description: string;
    status: Status;
    violations: ItemViolation[];
    notes: string[];
}

export interface Report {
    stack: string;
    program: string;
    resources: number;
    packs: string[];
    preview: boolean;
    items: ItemResult[];
    /** Violations of policies that belong to no checklist item (packs that are not ours). */
    otherViolations: ItemViolation[];
    /** Every policy that belongs to no checklist item, with its status. */
    otherPolicies: OtherPolicyResult[];
    /** Metadata of every policy that ran, by name (for SARIF rules and the HTML dashboard). */
    policyIndex: Record<string, PolicyDetail>;
    /** Where the program declared each resource that has a violation, by URN. */
    sources: Record<string, { file: string; line: number; column: number }>;
    summary: Summary;
}

export interface PolicyDetail {
    pack: string;
    description: string;
    severity: Severity;
    enforcementLevel: EnforcementLevel;
    remediationSteps?: string;
    /** The checklist item the policy decides, if any. */
    item?: string;
}

export interface PackRun {
    info: AnalyzerInfo;
    config: Record<string, PolicyConfig>;
    results: AnalysisResult[];
}

const PREVIEW_UNKNOWN = /^can't run policy '[^']+' from policy pack '[^']+' during preview: /;

const FRAMEWORK_CHECKLIST = new Map<string, ChecklistName>(
    (Object.entries(FRAMEWORKS) as [ChecklistName, { name: string }][]).map(([checklist, framework]) => [framework.name, checklist]),
);

function toViolation(diagnostic: Diagnostic, policy: PolicyInfo | undefined, redact: (text: string) => string): ItemViolation {
    return {
        policy: diagnostic.policyName,
        // As the CLI does: a violation that could not be remediated blocks like a mandatory one.
        enforcementLevel: diagnostic.enforcementLevel === "remediate" ? "mandatory" : diagnostic.enforcementLevel,
        severity: diagnostic.severity ?? policy?.severity ?? "medium",
        urn: diagnostic.urn ?? null,
        message: redact(diagnostic.message),
    };
}

const PRECEDENCE: Status[] = ["fail", "unknown", "waived"];

function combine(statuses: Status[], attestedItem: boolean): Status {
    for (const status of PRECEDENCE) {
        if (statuses.includes(status)) {
            return status;
        }
    }
    if (statuses.length === 0 || statuses.every((status) => status === "not-applicable")) {
        return "not-applicable";
    }
    const counted = statuses.filter((status) => status !== "not-applicable");
    return attestedItem || counted.every((status) => status === "attested") ? "attested" : "pass";
}

interface PolicyOutcome {
    status: Status;
    violations: ItemViolation[];
    notes: string[];
}

function policyOutcome(
    policy: PolicyInfo,
    level: EnforcementLevel,
    diagnostics: Diagnostic[],
    notApplicable: AnalysisResult["notApplicable"],
    analyzed: number,
    redact: (text: string) => string,
): PolicyOutcome {
    if (level === "disabled") {
        return { status: "unknown", violations: [], notes: [`${policy.name} is disabled in the policy config, so nothing checked it`] };
    }
    const unknown = diagnostics.filter((diagnostic) => PREVIEW_UNKNOWN.test(diagnostic.message));
    const violations = diagnostics.filter((diagnostic) => !unknown.includes(diagnostic)).map((diagnostic) => toViolation(diagnostic, policy, redact));
    if (violations.length > 0) {
        return { status: "fail", violations, notes: [] };
    }
    if (unknown.length > 0) {
        return { status: "unknown", violations: [], notes: [...new Set(unknown.map((diagnostic) => redact(diagnostic.message.replace(PREVIEW_UNKNOWN, ""))))] };
    }
    const reasons = notApplicable.map((entry) => redact(entry.reason));
    const waived = reasons.filter((reason) => reason.startsWith(WAIVED_PREFIX));
    if (waived.length > 0) {
        return { status: "waived", violations: [], notes: [...new Set(waived)] };
    }
    // A stack policy is not applicable once; a resource policy only if it applied to no resource.
    const whollyNotApplicable = policy.type === "resource" ? analyzed > 0 && notApplicable.length >= analyzed : notApplicable.length > 0;
    if (whollyNotApplicable) {
        return { status: "not-applicable", violations: [], notes: [...new Set(reasons.filter((reason) => reason))] };
    }
    return { status: policy.configSchema?.properties.attestation !== undefined ? "attested" : "pass", violations: [], notes: [] };
}

export interface EvaluateInput {
    stack: string;
    program: string;
    preview: boolean;
    resources: RecordedResource[];
    packs: PackRun[];
    attestations: AttestationRecord[];
    waivers: WaiverRecord[];
}

export function evaluate(input: EvaluateInput): Report {
    const analyzedCount = input.resources.filter(isAnalyzed).length;
    // Rules see secrets in plain text and may quote them: no report ever repeats one.
    const redact = redactor(secretValues(input.resources));
    const byPolicy = new Map<string, { pack: PackRun; policy: PolicyInfo; diagnostics: Diagnostic[]; notApplicable: AnalysisResult["notApplicable"] }>();
    const checklists = new Set<ChecklistName>();
    for (const pack of input.packs) {
        // A kit pack is named after its framework: its checklist is reported even before (or
        // without) any policy, every box unknown rather than missing.
        const named = FRAMEWORK_CHECKLIST.get(pack.info.name);
        if (named) {
            checklists.add(named);
        }
        for (const policy of pack.info.policies) {
            byPolicy.set(`${pack.info.name}/${policy.name}`, { pack, policy, diagnostics: [], notApplicable: [] });
            const checklist = policy.framework ? FRAMEWORK_CHECKLIST.get(policy.framework.name) : undefined;
            if (checklist) {
                checklists.add(checklist);
            }
        }
        for (const result of pack.results) {
            for (const diagnostic of result.diagnostics) {
                byPolicy.get(`${pack.info.name}/${diagnostic.policyName}`)?.diagnostics.push(diagnostic);
            }
            for (const entry of result.notApplicable) {
                byPolicy.get(`${pack.info.name}/${entry.policyName}`)?.notApplicable.push(entry);
            }
        }
    }

    const outcomes = [...byPolicy.values()].map((entry) => ({
        ...entry,
        outcome: policyOutcome(entry.policy, entry.pack.config[entry.policy.name]?.enforcementLevel ?? entry.policy.enforcementLevel, entry.diagnostics, entry.notApplicable, analyzedCount, redact),
    }));
    const mapped = new Set<string>();
    const items: ItemResult[] = [];
    for (const checklist of (Object.keys(FRAMEWORKS) as ChecklistName[]).filter((name) => checklists.has(name))) {
        const framework = FRAMEWORKS[checklist].name;
        const results = new Map<string, ItemResult>();
        const catalog = checklistItems(checklist);
        const ownOutcomes = new Map<string, PolicyOutcome[]>();
        for (const item of catalog) {
            const own = outcomes.filter((entry) => entry.policy.framework?.name === framework && entry.policy.framework.reference === item.id);
            own.forEach((entry) => mapped.add(`${entry.pack.info.name}/${entry.policy.name}`));
            ownOutcomes.set(item.id, own.map((entry) => entry.outcome));
            results.set(item.id, itemResult(item, own, input));
        }
        // Group headers, deepest first: the conjunction of their children, and of the group's own
        // policies if a rule decides the header itself.
        for (const item of [...catalog].reverse().filter((candidate) => candidate.children.length > 0)) {
            const result = results.get(item.id)!;
            const children = item.children.map((child) => results.get(child)!);
            const own = ownOutcomes.get(item.id) ?? [];
            result.status = combine([...children.map((child) => child.status), ...own.map((outcome) => outcome.status)], false);
            result.notes = [
                ...own.filter((outcome) => outcome.status === result.status).flatMap((outcome) => outcome.notes),
                ...children.filter((child) => child.status === result.status && result.status !== "pass").map((child) => `${child.id} is ${child.status}`),
            ];
        }
        items.push(...catalog.map((item) => results.get(item.id)!));
    }

    const otherPolicies: OtherPolicyResult[] = outcomes
        .filter((entry) => !mapped.has(`${entry.pack.info.name}/${entry.policy.name}`))
        .map((entry) => ({
            pack: entry.pack.info.name,
            policy: entry.policy.name,
            description: entry.policy.description,
            status: entry.outcome.status,
            violations: entry.outcome.violations,
            notes: entry.outcome.notes,
        }));
    const otherViolations = otherPolicies.flatMap((entry) => entry.violations);
    const allViolations = [...items.flatMap((item) => item.violations), ...otherViolations];
    const count = (status: Status) => items.filter((item) => item.status === status).length;
    return {
        stack: input.stack,
        program: input.program,
        resources: input.resources.length,
        packs: input.packs.map((pack) => pack.info.name),
        preview: input.preview,
        items,
        otherViolations,
        otherPolicies,
        policyIndex: Object.fromEntries(
            [...byPolicy.values()].map(({ pack, policy }) => [
                policy.name,
                {
                    pack: pack.info.name,
                    description: policy.description,
                    severity: policy.severity ?? "medium",
                    enforcementLevel: pack.config[policy.name]?.enforcementLevel ?? policy.enforcementLevel,
                    ...(policy.remediationSteps ? { remediationSteps: policy.remediationSteps } : {}),
                    ...(policy.framework?.reference ? { item: policy.framework.reference } : {}),
                },
            ]),
        ),
        sources: sourcesOf(input.resources, allViolations),
        summary: {
            pass: count("pass"),
            fail: count("fail"),
            attested: count("attested"),
            waived: count("waived"),
            unknown: count("unknown"),
            notApplicable: count("not-applicable"),
            mandatoryViolations: allViolations.filter((violation) => violation.enforcementLevel === "mandatory").length,
        },
    };
}

function itemResult(
    item: ChecklistItem,
    own: { policy: PolicyInfo; outcome: PolicyOutcome }[],
    input: EvaluateInput,
): ItemResult {
    const attestable = own.some(({ policy }) => policy.configSchema?.properties.attestation !== undefined);
    const automated = own.some(({ policy }) => policy.configSchema?.properties.attestation === undefined);
    const verification: Verification = item.children.length > 0 ? "group" : automated ? "automated" : "attested";
    const attestation = input.attestations.find((record) => record.item === item.id);
    const waivers = input.waivers.filter((waiver) => own.some(({ policy }) => policy.name === waiver.policy));
    const result: ItemResult = {
        checklist: item.checklist,
        id: item.id,
        section: item.section,
        heading: item.heading,
        text: item.text,
        verification,
        status: "unknown",
        violations: own.flatMap(({ outcome }) => outcome.violations),
        policies: own.map(({ policy }) => policy.name),
        notes: own.flatMap(({ outcome }) => outcome.notes),
        remediation: [...new Set(own.map(({ policy }) => policy.remediationSteps).filter((steps): steps is string => Boolean(steps)))],
        parent: item.parent,
        depth: item.depth,
        ...(attestation && attestable ? { attestation: (({ item: _item, ...rest }) => rest)(attestation) } : {}),
        ...(waivers.length > 0 ? { waivers: waivers.map(({ policy: _policy, ...rest }) => rest) } : {}),
    };
    if (item.children.length === 0) {
        if (own.length === 0) {
            result.notes.push("no policy of the packs that ran covers this item");
        } else {
            result.status = combine(
                own.map(({ outcome }) => outcome.status),
                !automated,
            );
        }
    }
    return result;
}

/** Source positions of the resources violations name, relative to the working directory when inside it. */
function sourcesOf(resources: RecordedResource[], violations: ItemViolation[]): Report["sources"] {
    const named = new Set(violations.map((violation) => violation.urn).filter((urn): urn is string => urn !== null));
    const sources: Report["sources"] = {};
    for (const resource of resources) {
        if (resource.source && named.has(resource.urn)) {
            const file = resource.source.uri.replace(/^file:\/\//, "");
            const relative = path.relative(process.cwd(), file);
            sources[resource.urn] = { file: relative.startsWith("..") ? file : relative.split(path.sep).join("/"), line: resource.source.line, column: resource.source.column };
        }
    }
    return sources;
}

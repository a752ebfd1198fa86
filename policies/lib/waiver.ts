// A waiver excuses one policy, for named resources or for all of them, until it expires. Waived
// violations are not reported as violations; the policy ends as "not applicable" with a reason
// that starts with WAIVED_PREFIX, so that both the CLI and the gate show it as waived, never as
// passed. An expired waiver excuses nothing and is itself reported as a violation.
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { ISO_DATE_PATTERN, parseDay, today } from "./dates";

export interface Waiver {
    /** Resource names or URNs; absent means every resource the policy flags. */
    resources?: string[];
    owner: string;
    reason: string;
    expires: string;
}

export const WAIVED_PREFIX = "waived:";

export const WAIVERS_SCHEMA: PolicyConfigJSONSchema = {
    type: "array",
    description: "Exceptions to this policy, each with an owner, a reason and an expiry.",
    items: {
        type: "object",
        properties: {
            resources: { type: "array", items: { type: "string", minLength: 1 }, description: "Resource names or URNs the waiver covers; omit for all." },
            owner: { type: "string", minLength: 1, description: "Who owns the exception." },
            reason: { type: "string", minLength: 1, description: "Why the exception is acceptable." },
            expires: { type: "string", pattern: ISO_DATE_PATTERN, description: "Last day the waiver holds (YYYY-MM-DD)." },
        },
        required: ["owner", "reason", "expires"],
        additionalProperties: false,
    },
};

export interface Violation {
    message: string;
    urn?: string;
}

export interface WaiverOutcome {
    /** Violations no valid waiver covers, to report. */
    remaining: Violation[];
    /** Violations a valid waiver covers. */
    waived: { violation: Violation; waiver: Waiver }[];
    /** Waivers past their expiry. */
    expired: Waiver[];
}

function resourceName(urn: string): string {
    return urn.split("::").pop() ?? urn;
}

function covers(waiver: Waiver, violation: Violation): boolean {
    if (!waiver.resources || waiver.resources.length === 0) {
        return true;
    }
    if (!violation.urn) {
        return false;
    }
    const urn = violation.urn;
    return waiver.resources.some((resource) => resource === urn || resource === resourceName(urn));
}

export function applyWaivers(violations: Violation[], waivers: Waiver[], now: number = today()): WaiverOutcome {
    const valid = waivers.filter((waiver) => (parseDay(waiver.expires) ?? -Infinity) >= now);
    const expired = waivers.filter((waiver) => !valid.includes(waiver));
    const outcome: WaiverOutcome = { remaining: [], waived: [], expired };
    for (const violation of violations) {
        const waiver = valid.find((candidate) => covers(candidate, violation));
        if (waiver) {
            outcome.waived.push({ violation, waiver });
        } else {
            outcome.remaining.push(violation);
        }
    }
    return outcome;
}

export function waivedReason(waived: WaiverOutcome["waived"]): string {
    const owners = [...new Set(waived.map(({ waiver }) => `${waiver.owner} until ${waiver.expires} (${waiver.reason})`))];
    return `${WAIVED_PREFIX} ${waived.length} violation(s) excused by ${owners.join("; ")}`;
}

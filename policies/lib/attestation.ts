// An attestation records that a person checked an item no program can show (a sign-off, a
// training, a tested restore). It reaches a pack as the `attestation` property of the item's
// policy config, written by `readiness policy-config` from attestations/<stack>.yaml.
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { ISO_DATE_PATTERN, formatDay, parseDay, today } from "./dates";

export interface Attestation {
    by: string;
    role: string;
    date: string;
    evidence?: string;
    expires: string;
}

export const ATTESTATION_SCHEMA: PolicyConfigJSONSchema = {
    type: "object",
    description: "Who checked this item, when, with what evidence, and until when it holds.",
    properties: {
        by: { type: "string", minLength: 1, description: "Name of the person who checked the item." },
        role: { type: "string", minLength: 1, description: "Their role, e.g. Security Officer." },
        date: { type: "string", pattern: ISO_DATE_PATTERN, description: "Day of the check (YYYY-MM-DD)." },
        evidence: { type: "string", description: "Link to the evidence: report, ticket, signed document." },
        expires: { type: "string", pattern: ISO_DATE_PATTERN, description: "Last day the attestation holds (YYYY-MM-DD)." },
    },
    required: ["by", "role", "date", "expires"],
    additionalProperties: false,
};

/** Why an attestation does not satisfy its item, or undefined when it does. */
export function attestationProblem(attestation: Attestation | undefined, now: number = today()): string | undefined {
    if (!attestation) {
        return "no attestation recorded: a person must check this item and record it in attestations/<stack>.yaml";
    }
    const date = parseDay(attestation.date);
    const expires = parseDay(attestation.expires);
    if (date === undefined || expires === undefined) {
        return `attestation by ${attestation.by} has an invalid date (use YYYY-MM-DD)`;
    }
    if (date > now) {
        return `attestation by ${attestation.by} is dated ${attestation.date}, in the future`;
    }
    if (expires < now) {
        return `attestation by ${attestation.by} expired on ${attestation.expires}`;
    }
    if (expires < date) {
        return `attestation by ${attestation.by} expires (${attestation.expires}) before it was made (${attestation.date})`;
    }
    if (!attestation.evidence || !/^https?:\/\/\S+$/.test(attestation.evidence.trim())) {
        return `attestation by ${attestation.by} (${formatDay(date)}) has no evidence link`;
    }
    return undefined;
}

// The fixed, fictitious cloud identity the gate answers with: an account id reserved for
// examples, and the region from the stack's `aws:region` config.
import { createHash } from "crypto";

export const ACCOUNT_ID = "123456789012";
export const DEFAULT_REGION = "us-east-1";

/** A short hex digest: deterministic ids that differ per resource. */
export function digest(...parts: string[]): string {
    return createHash("sha256").update(parts.join("\u0000")).digest("hex");
}

export function regionOf(config: Record<string, string>): string {
    return config["aws:region"] ?? DEFAULT_REGION;
}

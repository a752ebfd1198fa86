// The Warden PBX pack's rules: every box of checklists/warden-pbx.md decided by an automated
// rule or an attestation. Kept apart from index.ts, which only starts the pack.
import { RuleRegistry } from "../lib/registry";

export function wardenRegistry(): RuleRegistry {
    return new RuleRegistry("warden-pbx");
}

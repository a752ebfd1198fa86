// The VoiceAssist pack's rules: every box of checklists/voiceassist.md decided by an automated
// rule or an attestation. Kept apart from index.ts, which only starts the pack.
import { RuleRegistry } from "../lib/registry";

export function voiceassistRegistry(): RuleRegistry {
    return new RuleRegistry("voiceassist");
}

// The Warden PBX pack's rules: every box of checklists/warden-pbx.md decided by an automated
// rule or an attestation. Kept apart from index.ts, which only starts the pack.
import { RuleRegistry } from "../lib/registry";
import hardening from "./rules/hosts/hardening";
import ntp from "./rules/hosts/ntp";
import pbxCpuCores from "./rules/hosts/pbx-cpu-cores";
import pbxDisk from "./rules/hosts/pbx-disk";
import pbxMemory from "./rules/hosts/pbx-memory";
import pbxPowerRedundancy from "./rules/hosts/pbx-power-redundancy";
import pbxVoiceInterface from "./rules/hosts/pbx-voice-interface";
import securityUpdates from "./rules/hosts/security-updates";
import timezone from "./rules/hosts/timezone";
import ubuntu2404 from "./rules/hosts/ubuntu-24-04";

export function wardenRegistry(): RuleRegistry {
    return new RuleRegistry("warden-pbx").add(
        // 1.1 Server requirements
        pbxCpuCores,
        pbxMemory,
        pbxDisk,
        pbxVoiceInterface,
        pbxPowerRedundancy,
        ubuntu2404,
        securityUpdates,
        hardening,
        timezone,
        ntp,
    );
}

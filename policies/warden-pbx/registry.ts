// The Warden PBX pack's rules: every box of checklists/warden-pbx.md decided by an automated
// rule or an attestation. Kept apart from index.ts, which only starts the pack.
import { RuleRegistry } from "../lib/registry";
import autovacuum from "./rules/database/autovacuum";
import connectionPooling from "./rules/database/connection-pooling";
import dbPermissions from "./rules/database/db-permissions";
import dbTuning from "./rules/database/db-tuning";
import dbUserPassword from "./rules/database/db-user-password";
import pbxDatabase from "./rules/database/pbx-database";
import postgresVersion from "./rules/database/postgres-version";
import dbBackupOffsite from "./rules/backup/db-backup-offsite";
import dbBackupRetention from "./rules/backup/db-backup-retention";
import dbBackupVerification from "./rules/backup/db-backup-verification";
import dbDailyBackups from "./rules/backup/db-daily-backups";
import dbPointInTime from "./rules/backup/db-point-in-time";
import apiPort from "./rules/network/api-port";
import dnsRecords from "./rules/network/dns-records";
import fail2ban from "./rules/network/fail2ban";
import hostFirewallEnabled from "./rules/network/host-firewall-enabled";
import hostFirewallRules from "./rules/network/host-firewall-rules";
import httpsPort from "./rules/network/https-port";
import ipAllowlist from "./rules/network/ip-allowlist";
import onlyRequiredPorts from "./rules/network/only-required-ports";
import qosDscp from "./rules/network/qos-dscp";
import rtpPorts from "./rules/network/rtp-ports";
import sipPort from "./rules/network/sip-port";
import staticIp from "./rules/network/static-ip";
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
        // 1.1.3 Network configuration
        staticIp,
        dnsRecords,
        hostFirewallRules,
        sipPort,
        rtpPorts,
        apiPort,
        httpsPort,
        qosDscp,
        // 1.2 Database
        postgresVersion,
        pbxDatabase,
        dbUserPassword,
        dbPermissions,
        connectionPooling,
        dbTuning,
        autovacuum,
        dbDailyBackups,
        dbBackupRetention,
        dbBackupVerification,
        dbBackupOffsite,
        dbPointInTime,
        // 3.4 Network security
        hostFirewallEnabled,
        onlyRequiredPorts,
        ipAllowlist,
        fail2ban,
    );
}

// The Warden PBX pack's rules: every box of checklists/warden-pbx.md decided by an automated
// rule or an attestation. Kept apart from index.ts, which only starts the pack.
import { RuleRegistry } from "../lib/registry";
import voicemailStorage from "./rules/storage/voicemail-storage";
import recordingsStorage from "./rules/storage/recordings-storage";
import logRotation from "./rules/storage/log-rotation";
import dbStorageGrowth from "./rules/storage/db-storage-growth";
import voicemailPartition from "./rules/storage/voicemail-partition";
import recordingsPartition from "./rules/storage/recordings-partition";
import symlinks from "./rules/storage/symlinks";
import diskAlerting from "./rules/monitoring/disk-alerting";
import cpuMonitoring from "./rules/monitoring/cpu-monitoring";
import memoryMonitoring from "./rules/monitoring/memory-monitoring";
import diskMonitoring from "./rules/monitoring/disk-monitoring";
import networkMonitoring from "./rules/monitoring/network-monitoring";
import loadMonitoring from "./rules/monitoring/load-monitoring";
import alertThresholds from "./rules/monitoring/alert-thresholds";
import serviceMonitoring from "./rules/monitoring/service-monitoring";
import registrationMonitoring from "./rules/monitoring/registration-monitoring";
import activeCallsMonitoring from "./rules/monitoring/active-calls-monitoring";
import callQualityMonitoring from "./rules/monitoring/call-quality-monitoring";
import apiMonitoring from "./rules/monitoring/api-monitoring";
import dbPoolMonitoring from "./rules/monitoring/db-pool-monitoring";
import emailAlerts from "./rules/alerting/email-alerts";
import serviceDownAlert from "./rules/alerting/service-down-alert";
import dbConnectionAlert from "./rules/alerting/db-connection-alert";
import diskThresholdAlert from "./rules/alerting/disk-threshold-alert";
import cpuMemoryAlert from "./rules/alerting/cpu-memory-alert";
import callQualityAlert from "./rules/alerting/call-quality-alert";
import securityEventsAlert from "./rules/alerting/security-events-alert";
import certExpiryAlert from "./rules/alerting/cert-expiry-alert";
import alertRecipients from "./rules/alerting/alert-recipients";
import prometheusEndpoint from "./rules/metrics/prometheus-endpoint";
import dashboard from "./rules/metrics/dashboard";
import concurrentCallsTracked from "./rules/metrics/concurrent-calls-tracked";
import callSuccessTracked from "./rules/metrics/call-success-tracked";
import callDurationTracked from "./rules/metrics/call-duration-tracked";
import registrationsTracked from "./rules/metrics/registrations-tracked";
import apiResponseTracked from "./rules/metrics/api-response-tracked";
import dbQueryPerformance from "./rules/metrics/db-query-performance";
import systemResourcesTracked from "./rules/metrics/system-resources-tracked";
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
        // 1.3 Storage
        voicemailStorage,
        recordingsStorage,
        logRotation,
        dbStorageGrowth,
        voicemailPartition,
        recordingsPartition,
        symlinks,
        // 1.3.1.5 / 4.1 Monitoring
        diskAlerting,
        cpuMonitoring,
        memoryMonitoring,
        diskMonitoring,
        networkMonitoring,
        loadMonitoring,
        alertThresholds,
        serviceMonitoring,
        registrationMonitoring,
        activeCallsMonitoring,
        callQualityMonitoring,
        apiMonitoring,
        dbPoolMonitoring,
        // 4.3 Alerting
        emailAlerts,
        serviceDownAlert,
        dbConnectionAlert,
        diskThresholdAlert,
        cpuMemoryAlert,
        callQualityAlert,
        securityEventsAlert,
        certExpiryAlert,
        alertRecipients,
        // 4.4 Metrics and dashboards
        prometheusEndpoint,
        dashboard,
        concurrentCallsTracked,
        callSuccessTracked,
        callDurationTracked,
        registrationsTracked,
        apiResponseTracked,
        dbQueryPerformance,
        systemResourcesTracked,
        // 3.4 Network security
        hostFirewallEnabled,
        onlyRequiredPorts,
        ipAllowlist,
        fail2ban,
    );
}

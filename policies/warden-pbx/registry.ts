// The Warden PBX pack's rules: every box of checklists/warden-pbx.md decided by an automated
// rule or an attestation. Kept apart from index.ts, which only starts the pack. Rules are listed
// in the checklist order of the first item they decide.
import { RuleRegistry } from "../lib/registry";
import { attestedItems } from "./attested";
import alertRecipients from "./rules/alerting/alert-recipients";
import callQualityAlert from "./rules/alerting/call-quality-alert";
import certExpiryAlert from "./rules/alerting/cert-expiry-alert";
import cpuMemoryAlert from "./rules/alerting/cpu-memory-alert";
import dbConnectionAlert from "./rules/alerting/db-connection-alert";
import diskThresholdAlert from "./rules/alerting/disk-threshold-alert";
import emailAlerts from "./rules/alerting/email-alerts";
import securityEventsAlert from "./rules/alerting/security-events-alert";
import serviceDownAlert from "./rules/alerting/service-down-alert";
import appUser from "./rules/app/app-user";
import codecs from "./rules/app/codecs";
import configFile from "./rules/app/config-file";
import databaseConnection from "./rules/app/database-connection";
import dialplan from "./rules/app/dialplan";
import directoryPermissions from "./rules/app/directory-permissions";
import envSecrets from "./rules/app/env-secrets";
import installProd from "./rules/app/install-prod";
import promptSampleRate from "./rules/app/prompt-sample-rate";
import pythonVersion from "./rules/app/python-version";
import sipRtpConfig from "./rules/app/sip-rtp-config";
import sipTrunks from "./rules/app/sip-trunks";
import stableRelease from "./rules/app/stable-release";
import systemDependencies from "./rules/app/system-dependencies";
import voicePrompts from "./rules/app/voice-prompts";
import backupAccess from "./rules/backup/backup-access";
import backupEncryption from "./rules/backup/backup-encryption";
import backupMonitoring from "./rules/backup/backup-monitoring";
import backupRetention from "./rules/backup/backup-retention";
import backupVerification from "./rules/backup/backup-verification";
import certificatesBackup from "./rules/backup/certificates-backup";
import configBackup from "./rules/backup/config-backup";
import configVersions from "./rules/backup/config-versions";
import dbBackupOffsite from "./rules/backup/db-backup-offsite";
import dbBackupRetention from "./rules/backup/db-backup-retention";
import dbBackupTime from "./rules/backup/db-backup-time";
import dbBackupVerification from "./rules/backup/db-backup-verification";
import dbDailyBackups from "./rules/backup/db-daily-backups";
import dbInBackup from "./rules/backup/db-in-backup";
import dbPointInTime from "./rules/backup/db-point-in-time";
import drSite from "./rules/backup/dr-site";
import hostBackup from "./rules/backup/host-backup";
import localBackupLocation from "./rules/backup/local-backup-location";
import offsiteBackup from "./rules/backup/offsite-backup";
import recordingsBackup from "./rules/backup/recordings-backup";
import voicemailBackup from "./rules/backup/voicemail-backup";
import weeklyFullBackup from "./rules/backup/weekly-full-backup";
import kernelTuning from "./rules/capacity/kernel-tuning";
import maxConcurrentCalls from "./rules/capacity/max-concurrent-calls";
import maxExtensions from "./rules/capacity/max-extensions";
import rtpBuffers from "./rules/capacity/rtp-buffers";
import dataRetention from "./rules/compliance/data-retention";
import e911 from "./rules/compliance/e911";
import recordingAnnouncements from "./rules/compliance/recording-announcements";
import stirShaken from "./rules/compliance/stir-shaken";
import autovacuum from "./rules/database/autovacuum";
import connectionPooling from "./rules/database/connection-pooling";
import dbPermissions from "./rules/database/db-permissions";
import dbTuning from "./rules/database/db-tuning";
import dbUserPassword from "./rules/database/db-user-password";
import pbxDatabase from "./rules/database/pbx-database";
import postgresVersion from "./rules/database/postgres-version";
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
import appLogs from "./rules/logging/app-logs";
import auditLogs from "./rules/logging/audit-logs";
import centralizedLogging from "./rules/logging/centralized-logging";
import logLevel from "./rules/logging/log-level";
import logRetention from "./rules/logging/log-retention";
import logsWritten from "./rules/logging/logs-written";
import maintenanceWindows from "./rules/maintenance/maintenance-windows";
import updateChecking from "./rules/maintenance/update-checking";
import apiResponseTracked from "./rules/metrics/api-response-tracked";
import callDurationTracked from "./rules/metrics/call-duration-tracked";
import callSuccessTracked from "./rules/metrics/call-success-tracked";
import concurrentCallsTracked from "./rules/metrics/concurrent-calls-tracked";
import dashboard from "./rules/metrics/dashboard";
import dbQueryPerformance from "./rules/metrics/db-query-performance";
import prometheusEndpoint from "./rules/metrics/prometheus-endpoint";
import registrationsTracked from "./rules/metrics/registrations-tracked";
import systemResourcesTracked from "./rules/metrics/system-resources-tracked";
import activeCallsMonitoring from "./rules/monitoring/active-calls-monitoring";
import alertThresholds from "./rules/monitoring/alert-thresholds";
import apiMonitoring from "./rules/monitoring/api-monitoring";
import callQualityMonitoring from "./rules/monitoring/call-quality-monitoring";
import cpuMonitoring from "./rules/monitoring/cpu-monitoring";
import dbPoolMonitoring from "./rules/monitoring/db-pool-monitoring";
import diskAlerting from "./rules/monitoring/disk-alerting";
import diskMonitoring from "./rules/monitoring/disk-monitoring";
import loadMonitoring from "./rules/monitoring/load-monitoring";
import memoryMonitoring from "./rules/monitoring/memory-monitoring";
import networkMonitoring from "./rules/monitoring/network-monitoring";
import registrationMonitoring from "./rules/monitoring/registration-monitoring";
import serviceMonitoring from "./rules/monitoring/service-monitoring";
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
import adminAccounts from "./rules/security/admin-accounts";
import defaultPasswords from "./rules/security/default-passwords";
import fipsHealthCheck from "./rules/security/fips-health-check";
import fipsKernel from "./rules/security/fips-kernel";
import fipsMode from "./rules/security/fips-mode";
import loginLockout from "./rules/security/login-lockout";
import mfa from "./rules/security/mfa";
import passwordPolicy from "./rules/security/password-policy";
import sipAuthentication from "./rules/security/sip-authentication";
import srtp from "./rules/security/srtp";
import environment from "./rules/service/environment";
import restartPolicy from "./rules/service/restart-policy";
import serviceEnabled from "./rules/service/service-enabled";
import serviceUser from "./rules/service/service-user";
import startsOnBoot from "./rules/service/starts-on-boot";
import unitInstalled from "./rules/service/unit-installed";
import workingDirectory from "./rules/service/working-directory";
import dbStorageGrowth from "./rules/storage/db-storage-growth";
import fileOwnership from "./rules/storage/file-ownership";
import logRotation from "./rules/storage/log-rotation";
import recordingsPartition from "./rules/storage/recordings-partition";
import recordingsStorage from "./rules/storage/recordings-storage";
import symlinks from "./rules/storage/symlinks";
import voicemailPartition from "./rules/storage/voicemail-partition";
import voicemailStorage from "./rules/storage/voicemail-storage";
import autoRenewal from "./rules/tls/auto-renewal";
import certExpiryMonitoring from "./rules/tls/cert-expiry-monitoring";
import certificateChain from "./rules/tls/certificate-chain";
import deprecatedAlgorithms from "./rules/tls/deprecated-algorithms";
import privateKeySecured from "./rules/tls/private-key-secured";
import strongCiphers from "./rules/tls/strong-ciphers";
import tlsVersions from "./rules/tls/tls-versions";
import validCertificate from "./rules/tls/valid-certificate";
import ddosProtection from "./rules/waf/ddos-protection";
import rateLimiting from "./rules/waf/rate-limiting";
import accessLogs from "./rules/web/access-logs";
import httpsRedirect from "./rules/web/https-redirect";
import reverseProxy from "./rules/web/reverse-proxy";
import securityHeaders from "./rules/web/security-headers";
import tlsCertificate from "./rules/web/tls-certificate";
import virtualHost from "./rules/web/virtual-host";
import webRateLimiting from "./rules/web/web-rate-limiting";
import webServer from "./rules/web/web-server";
import websocket from "./rules/web/websocket";

export function wardenRegistry(): RuleRegistry {
    return new RuleRegistry("warden-pbx").add(
        // 1. Infrastructure & Environment
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
        staticIp,
        dnsRecords,
        hostFirewallRules,
        sipPort,
        rtpPorts,
        apiPort,
        httpsPort,
        qosDscp,
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
        voicemailStorage,
        recordingsStorage,
        logRotation,
        dbStorageGrowth,
        diskAlerting,
        voicemailPartition,
        recordingsPartition,
        fileOwnership,
        symlinks,
        // 2. Application Deployment
        stableRelease,
        pythonVersion,
        installProd,
        systemDependencies,
        appUser,
        directoryPermissions,
        configFile,
        envSecrets,
        databaseConnection,
        sipRtpConfig,
        codecs,
        dialplan,
        sipTrunks,
        voicePrompts,
        promptSampleRate,
        unitInstalled,
        serviceUser,
        workingDirectory,
        environment,
        restartPolicy,
        serviceEnabled,
        startsOnBoot,
        logsWritten,
        webServer,
        virtualHost,
        reverseProxy,
        tlsCertificate,
        httpsRedirect,
        websocket,
        securityHeaders,
        webRateLimiting,
        accessLogs,
        // 3. Security & Compliance
        validCertificate,
        privateKeySecured,
        certificateChain,
        autoRenewal,
        certExpiryMonitoring,
        tlsVersions,
        strongCiphers,
        passwordPolicy,
        defaultPasswords,
        adminAccounts,
        mfa,
        loginLockout,
        fipsMode,
        deprecatedAlgorithms,
        fipsKernel,
        fipsHealthCheck,
        hostFirewallEnabled,
        onlyRequiredPorts,
        ipAllowlist,
        fail2ban,
        rateLimiting,
        ddosProtection,
        sipAuthentication,
        srtp,
        e911,
        stirShaken,
        recordingAnnouncements,
        dataRetention,
        // 4. Monitoring & Alerting
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
        appLogs,
        logRetention,
        centralizedLogging,
        logLevel,
        auditLogs,
        emailAlerts,
        serviceDownAlert,
        dbConnectionAlert,
        diskThresholdAlert,
        cpuMemoryAlert,
        callQualityAlert,
        securityEventsAlert,
        certExpiryAlert,
        alertRecipients,
        prometheusEndpoint,
        dashboard,
        concurrentCallsTracked,
        callSuccessTracked,
        callDurationTracked,
        registrationsTracked,
        apiResponseTracked,
        dbQueryPerformance,
        systemResourcesTracked,
        // 5. Backup & Disaster Recovery
        dbInBackup,
        configBackup,
        voicemailBackup,
        recordingsBackup,
        hostBackup,
        certificatesBackup,
        dbBackupTime,
        weeklyFullBackup,
        configVersions,
        backupRetention,
        backupVerification,
        localBackupLocation,
        offsiteBackup,
        backupEncryption,
        backupAccess,
        backupMonitoring,
        drSite,
        // 6. Performance & Capacity
        maxExtensions,
        maxConcurrentCalls,
        rtpBuffers,
        kernelTuning,
        // 9. Support & Maintenance
        maintenanceWindows,
        updateChecking,
        ...attestedItems,
    );
}

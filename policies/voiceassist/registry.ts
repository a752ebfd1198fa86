// The VoiceAssist pack's rules: every box of checklists/voiceassist.md decided by an automated
// rule or an attestation. Kept apart from index.ts, which only starts the pack. Generated once from
// the rule files and kept by hand since: rules are listed in the checklist order of the first item
// they decide.
import { RuleRegistry } from "../lib/registry";
import { attestedItems } from "./attested";
import backupConfigured from "./rules/backup/backup-configured";
import backupEncryption from "./rules/backup/backup-encryption";
import backupRetention from "./rules/backup/backup-retention";
import backupSchedule from "./rules/backup/backup-schedule";
import backupStorage from "./rules/backup/backup-storage";
import backupVerification from "./rules/backup/backup-verification";
import offsiteBackup from "./rules/backup/offsite-backup";
import redisBackupSchedule from "./rules/backup/redis-backup-schedule";
import restoreTestsSucceed from "./rules/backup/restore-tests-succeed";
import retentionEnforced from "./rules/backup/retention-enforced";
import accessLogs from "./rules/compliance/access-logs";
import auditRetention from "./rules/compliance/audit-retention";
import changeLogs from "./rules/compliance/change-logs";
import dataRetention from "./rules/compliance/data-retention";
import databaseUrl from "./rules/config/database-url";
import dbPool from "./rules/config/db-pool";
import dbTimeout from "./rules/config/db-timeout";
import domain from "./rules/config/domain";
import encryptionKey from "./rules/config/encryption-key";
import envTemplate from "./rules/config/env-template";
import environmentProduction from "./rules/config/environment-production";
import jwtSecretKey from "./rules/config/jwt-secret-key";
import keysInVault from "./rules/config/keys-in-vault";
import keysStoredSecurely from "./rules/config/keys-stored-securely";
import logLevel from "./rules/config/log-level";
import nextcloud from "./rules/config/nextcloud";
import noPlaceholders from "./rules/config/no-placeholders";
import openaiKey from "./rules/config/openai-key";
import postgresDb from "./rules/config/postgres-db";
import postgresPassword from "./rules/config/postgres-password";
import postgresUser from "./rules/config/postgres-user";
import qdrantApiKeyVariable from "./rules/config/qdrant-api-key-variable";
import redisHost from "./rules/config/redis-host";
import redisMaxConnections from "./rules/config/redis-max-connections";
import redisPassword from "./rules/config/redis-password";
import redisPort from "./rules/config/redis-port";
import redisTtl from "./rules/config/redis-ttl";
import redisUrl from "./rules/config/redis-url";
import secretKey from "./rules/config/secret-key";
import smtpSettings from "./rules/config/smtp-settings";
import connectionPooling from "./rules/database/connection-pooling";
import databaseCreated from "./rules/database/database-created";
import effectiveCacheSize from "./rules/database/effective-cache-size";
import maxConnections from "./rules/database/max-connections";
import migrations from "./rules/database/migrations";
import postgresPrimary from "./rules/database/postgres-primary";
import queryProfiling from "./rules/database/query-profiling";
import readReplica from "./rules/database/read-replica";
import replicationLag from "./rules/database/replication-lag";
import sharedBuffers from "./rules/database/shared-buffers";
import streamingReplication from "./rules/database/streaming-replication";
import tuning from "./rules/database/tuning";
import userPermissions from "./rules/database/user-permissions";
import walArchiving from "./rules/database/wal-archiving";
import apiHealth from "./rules/deployment/api-health";
import containerLogs from "./rules/deployment/container-logs";
import containersRunning from "./rules/deployment/containers-running";
import healthChecks from "./rules/deployment/health-checks";
import resourceLimits from "./rules/deployment/resource-limits";
import restartPolicy from "./rules/deployment/restart-policy";
import workerRunning from "./rules/deployment/worker-running";
import auditd from "./rules/hosts/auditd";
import cpuCores from "./rules/hosts/cpu-cores";
import disk from "./rules/hosts/disk";
import fail2ban from "./rules/hosts/fail2ban";
import hostname from "./rules/hosts/hostname";
import memory from "./rules/hosts/memory";
import ntp from "./rules/hosts/ntp";
import securityUpdates from "./rules/hosts/security-updates";
import sshKeys from "./rules/hosts/ssh-keys";
import sshPasswordOff from "./rules/hosts/ssh-password-off";
import ubuntuRelease from "./rules/hosts/ubuntu-release";
import ufw from "./rules/hosts/ufw";
import utcTimezone from "./rules/hosts/utc-timezone";
import alertHeartbeat from "./rules/monitoring/alert-heartbeat";
import alertRouting from "./rules/monitoring/alert-routing";
import alertRules from "./rules/monitoring/alert-rules";
import alertmanagerConfigured from "./rules/monitoring/alertmanager-configured";
import emailAlerts from "./rules/monitoring/email-alerts";
import grafanaAdminPassword from "./rules/monitoring/grafana-admin-password";
import grafanaDashboards from "./rules/monitoring/grafana-dashboards";
import grafanaDatasources from "./rules/monitoring/grafana-datasources";
import grafanaRunning from "./rules/monitoring/grafana-running";
import grafanaSmtp from "./rules/monitoring/grafana-smtp";
import jaegerRunning from "./rules/monitoring/jaeger-running";
import logAggregation from "./rules/monitoring/log-aggregation";
import lokiRetention from "./rules/monitoring/loki-retention";
import lokiRunning from "./rules/monitoring/loki-running";
import metricsEndpoints from "./rules/monitoring/metrics-endpoints";
import otelInstrumentation from "./rules/monitoring/otel-instrumentation";
import pagerduty from "./rules/monitoring/pagerduty";
import prometheusRetention from "./rules/monitoring/prometheus-retention";
import prometheusRunning from "./rules/monitoring/prometheus-running";
import scrapeConfigs from "./rules/monitoring/scrape-configs";
import slack from "./rules/monitoring/slack";
import tracesCollected from "./rules/monitoring/traces-collected";
import dependenciesReachable from "./rules/network/dependencies-reachable";
import dnsARecord from "./rules/network/dns-a-record";
import firewallPorts from "./rules/network/firewall-ports";
import networkPolicies from "./rules/network/network-policies";
import staticIp from "./rules/network/static-ip";
import strictFirewall from "./rules/network/strict-firewall";
import zeroTrust from "./rules/network/zero-trust";
import apiLatencyAlert from "./rules/performance/api-latency-alert";
import cacheHitRateAlert from "./rules/performance/cache-hit-rate-alert";
import qdrantApiKey from "./rules/qdrant/qdrant-api-key";
import qdrantBackup from "./rules/qdrant/qdrant-backup";
import qdrantConnectionAlert from "./rules/qdrant/qdrant-connection-alert";
import qdrantRunning from "./rules/qdrant/qdrant-running";
import qdrantStorage from "./rules/qdrant/qdrant-storage";
import redisAof from "./rules/redis/redis-aof";
import redisAuth from "./rules/redis/redis-auth";
import redisConnectionAlert from "./rules/redis/redis-connection-alert";
import redisEvictionPolicy from "./rules/redis/redis-eviction-policy";
import redisMaxmemory from "./rules/redis/redis-maxmemory";
import redisRdb from "./rules/redis/redis-rdb";
import redisRunning from "./rules/redis/redis-running";
import auditLogging from "./rules/security/audit-logging";
import containerScanning from "./rules/security/container-scanning";
import ddosProtection from "./rules/security/ddos-protection";
import encryptionAtRest from "./rules/security/encryption-at-rest";
import intrusionDetection from "./rules/security/intrusion-detection";
import keyManagement from "./rules/security/key-management";
import kubernetesRbac from "./rules/security/kubernetes-rbac";
import mtls from "./rules/security/mtls";
import rateLimiting from "./rules/security/rate-limiting";
import securityAlerts from "./rules/security/security-alerts";
import securityAudits from "./rules/security/security-audits";
import tokenExpiration from "./rules/security/token-expiration";
import vulnerabilityScanning from "./rules/security/vulnerability-scanning";
import certbot from "./rules/software/certbot";
import docker from "./rules/software/docker";
import dockerCompose from "./rules/software/docker-compose";
import git from "./rules/software/git";
import kernelCurrent from "./rules/software/kernel-current";
import nginx from "./rules/software/nginx";
import openssl from "./rules/software/openssl";
import packagesUpgraded from "./rules/software/packages-upgraded";
import python from "./rules/software/python";
import rebootAfterUpdates from "./rules/software/reboot-after-updates";
import securityPatches from "./rules/software/security-patches";
import autoRenewal from "./rules/tls/auto-renewal";
import certificateChain from "./rules/tls/certificate-chain";
import certificateInstalled from "./rules/tls/certificate-installed";
import expiryMonitoring from "./rules/tls/expiry-monitoring";
import httpsEverywhere from "./rules/tls/https-everywhere";
import privateKeySecured from "./rules/tls/private-key-secured";
import publicCertificate from "./rules/tls/public-certificate";
import strongCiphers from "./rules/tls/strong-ciphers";
import tlsVersions from "./rules/tls/tls-versions";
import tls13Everywhere from "./rules/tls/tls13-everywhere";
import hsts from "./rules/web/hsts";
import httpsRedirect from "./rules/web/https-redirect";
import nginxReloaded from "./rules/web/nginx-reloaded";
import nginxSite from "./rules/web/nginx-site";
import nginxTested from "./rules/web/nginx-tested";
import securityHeaders from "./rules/web/security-headers";
import websocket from "./rules/web/websocket";

export function voiceassistRegistry(): RuleRegistry {
    return new RuleRegistry("voiceassist").add(
        ubuntuRelease,
        memory,
        cpuCores,
        disk,
        staticIp,
        hostname,
        utcTimezone,
        ntp,
        dnsARecord,
        firewallPorts,
        sshKeys,
        sshPasswordOff,
        fail2ban,
        ufw,
        securityUpdates,
        auditd,
        intrusionDetection,
        docker,
        dockerCompose,
        git,
        python,
        nginx,
        certbot,
        openssl,
        packagesUpgraded,
        kernelCurrent,
        securityPatches,
        rebootAfterUpdates,
        envTemplate,
        domain,
        environmentProduction,
        logLevel,
        noPlaceholders,
        postgresUser,
        postgresPassword,
        postgresDb,
        databaseUrl,
        dbPool,
        dbTimeout,
        redisHost,
        redisPort,
        redisPassword,
        redisUrl,
        redisTtl,
        redisMaxConnections,
        secretKey,
        jwtSecretKey,
        encryptionKey,
        qdrantApiKeyVariable,
        keysStoredSecurely,
        keysInVault,
        openaiKey,
        smtpSettings,
        nextcloud,
        publicCertificate,
        certificateInstalled,
        certificateChain,
        privateKeySecured,
        autoRenewal,
        expiryMonitoring,
        nginxSite,
        httpsRedirect,
        tlsVersions,
        strongCiphers,
        hsts,
        securityHeaders,
        nginxTested,
        nginxReloaded,
        httpsEverywhere,
        postgresPrimary,
        databaseCreated,
        userPermissions,
        migrations,
        connectionPooling,
        readReplica,
        tuning,
        sharedBuffers,
        effectiveCacheSize,
        maxConnections,
        queryProfiling,
        backupConfigured,
        backupSchedule,
        backupEncryption,
        backupStorage,
        backupRetention,
        redisRunning,
        redisAuth,
        redisAof,
        redisRdb,
        redisEvictionPolicy,
        redisMaxmemory,
        redisConnectionAlert,
        redisBackupSchedule,
        qdrantRunning,
        qdrantApiKey,
        qdrantStorage,
        qdrantConnectionAlert,
        qdrantBackup,
        prometheusRunning,
        metricsEndpoints,
        scrapeConfigs,
        alertRules,
        prometheusRetention,
        grafanaRunning,
        grafanaAdminPassword,
        grafanaDatasources,
        grafanaDashboards,
        grafanaSmtp,
        jaegerRunning,
        otelInstrumentation,
        tracesCollected,
        lokiRunning,
        logAggregation,
        lokiRetention,
        alertmanagerConfigured,
        pagerduty,
        slack,
        emailAlerts,
        alertRouting,
        alertHeartbeat,
        streamingReplication,
        replicationLag,
        walArchiving,
        backupVerification,
        offsiteBackup,
        retentionEnforced,
        restoreTestsSucceed,
        containersRunning,
        healthChecks,
        restartPolicy,
        resourceLimits,
        containerLogs,
        apiHealth,
        workerRunning,
        dependenciesReachable,
        websocket,
        encryptionAtRest,
        tls13Everywhere,
        auditLogging,
        kubernetesRbac,
        mtls,
        keyManagement,
        zeroTrust,
        networkPolicies,
        strictFirewall,
        ddosProtection,
        rateLimiting,
        tokenExpiration,
        securityAudits,
        vulnerabilityScanning,
        containerScanning,
        securityAlerts,
        apiLatencyAlert,
        cacheHitRateAlert,
        dataRetention,
        auditRetention,
        accessLogs,
        changeLogs,
        ...attestedItems,
    );
}

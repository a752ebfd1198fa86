// The Warden PBX production environment: everything checklists/warden-pbx.md asks of the
// infrastructure, from the shared components. One component of type
// readiness:blueprint:WardenPbx parents it all, so the policy packs can tell it apart.
import * as pulumi from "@pulumi/pulumi";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as ec2 from "@pulumi/aws/ec2";
import * as iam from "@pulumi/aws/iam";
import * as route53 from "@pulumi/aws/route53";
import * as secretsmanager from "@pulumi/aws/secretsmanager";
import * as vpc from "@pulumi/aws/vpc";
import * as random from "@pulumi/random";
import * as tls from "@pulumi/tls";
import { BackupPlan } from "../components/backup/backup-plan";
import { SecureBucket } from "../components/backup/secure-bucket";
import { UbuntuHost } from "../components/compute/ubuntu-host";
import { PostgresAccess } from "../components/database/postgres-access";
import { PostgresDatabase } from "../components/database/postgres-database";
import { TLS12_POLICY, WebEdge } from "../components/edge/web-edge";
import { AlarmSpec, Alarms } from "../components/monitoring/alarms";
import { AlertTopic } from "../components/monitoring/alert-topic";
import { Firewall } from "../components/network/firewall";
import { Vpc } from "../components/network/vpc";
import { AppSecret } from "../components/security/app-secret";
import { KmsKey } from "../components/security/kms-key";
import { WardenPbxConfig, sizingFor } from "./warden-pbx-config";
import { LOG_GROUPS, PBX_AUTH_FAILURES, PBX_HOME, RECORDINGS_DIR, SIP_CERT_METRIC, SIP_TLS_PORT, SSHD_FAILURES, VOICEMAIL_DIR, anyOfPattern, pbxCloudConfig } from "./warden-pbx-host";

const BLUEPRINT = "warden-pbx";
const MASTER_USER = "pbx_admin";
const APP_USER = "pbx_user";

export class WardenPbx extends pulumi.ComponentResource {
    readonly sipAddress: pulumi.Output<string>;
    readonly portalUrl: string;

    constructor(name: string, config: WardenPbxConfig, opts?: pulumi.ComponentResourceOptions) {
        super("readiness:blueprint:WardenPbx", name, {}, opts);
        const parent = { parent: this };
        const tags = { "readiness:blueprint": BLUEPRINT };
        const region = new pulumi.Config("aws").get("region") ?? "us-east-1";
        const sipName = `sip.${config.domain}`;
        const portalName = `pbx.${config.domain}`;
        this.portalUrl = `https://${portalName}`;

        const key = new KmsKey(`${name}-data`, { description: "Warden PBX data: volumes, database, backups, logs, secrets", tags }, parent);
        const offsiteKey = new KmsKey(`${name}-offsite`, { description: "Warden PBX off-site backups", region: config.backupRegion, tags }, parent);
        const network = new Vpc(name, { cidrBlock: config.vpcCidr, kmsKeyArn: key.arn, flowLogRetentionDays: config.logRetentionDays, tags }, parent);
        const zoneId = config.hostedZoneId
            ? pulumi.output(config.hostedZoneId)
            : new route53.Zone(`${name}-zone`, { name: config.domain, comment: "Warden PBX", tags }, { ...parent, protect: true }).zoneId;
        // AWS Backup, CloudWatch alarms and EventBridge (GuardDuty findings) publish to it.
        const alerts = new AlertTopic(`${name}-alerts`, { kmsKeyArn: key.arn, emails: config.alertEmails, allowEventBridge: true, tags }, parent);
        // Database dumps expire with the off-site retention; prompts and provisioning templates stay.
        const artifacts = new SecureBucket(`${name}-artifacts`, { kmsKeyArn: key.arn, expireAfterDays: config.offsiteRetentionDays, expirePrefix: "dumps/", noncurrentVersionDays: config.offsiteRetentionDays, tags }, parent);

        // --- secrets: generated, kept in Secrets Manager, read by the host at boot by name ------
        const dbPassword = new random.RandomPassword(`${name}-db-password`, { length: 32, special: true, overrideSpecial: "-_.~" }, parent);
        const adminPassword = new random.RandomPassword(`${name}-admin-password`, { length: 20, special: true, minUpper: 2, minLower: 2, minNumeric: 2, minSpecial: 2, overrideSpecial: "-_.~!" }, parent);
        const appKey = new random.RandomPassword(`${name}-app-key`, { length: 64, special: false }, parent);
        const dbUser = new AppSecret(
            `${name}-db-app-user`,
            { secretName: `${BLUEPRINT}/db-app-user`, description: "PBX database user, for RDS Proxy", kmsKeyArn: key.arn, values: { username: APP_USER, password: dbPassword.result }, format: "json", tags },
            parent,
        );

        // SIP over TLS (phones and trunks on 5061): a private CA and the PBX's certificate. They
        // are not ACM certificates, so nothing renews them by itself: each is re-issued by the
        // first `pulumi up` within its earlyRenewalHours of expiry (45 days for the leaf), the host
        // picks the new one up from Secrets Manager within a day (pbx-sip-tls.timer), and the
        // host's days-to-expiry metric (Warden/PBX SipCertificateDaysToExpiry) alarms at 30 days
        // if no update ran in time: then run `pulumi up`.
        const caKey = new tls.PrivateKey(`${name}-sip-ca`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, parent);
        const ca = new tls.SelfSignedCert(
            `${name}-sip-ca`,
            {
                privateKeyPem: caKey.privateKeyPem,
                isCaCertificate: true,
                validityPeriodHours: 24 * 365 * 5,
                earlyRenewalHours: 24 * 180,
                allowedUses: ["cert_signing", "crl_signing"],
                subject: { commonName: "Warden PBX internal CA", organization: config.domain },
            },
            parent,
        );
        const sipKey = new tls.PrivateKey(`${name}-sip-tls`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, parent);
        const sipRequest = new tls.CertRequest(`${name}-sip-tls`, { privateKeyPem: sipKey.privateKeyPem, subject: { commonName: sipName }, dnsNames: [sipName] }, parent);
        const sipCert = new tls.LocallySignedCert(
            `${name}-sip-tls`,
            // A year, well within the 825 days clients accept for a leaf certificate.
            { certRequestPem: sipRequest.certRequestPem, caPrivateKeyPem: caKey.privateKeyPem, caCertPem: ca.certPem, validityPeriodHours: 24 * 365, earlyRenewalHours: 24 * 45, allowedUses: ["digital_signature", "key_encipherment", "server_auth", "client_auth"] },
            parent,
        );
        const sipTlsSecretName = `${BLUEPRINT}/sip-tls`;
        new AppSecret(
            `${name}-sip-tls`,
            {
                secretName: sipTlsSecretName,
                description: "JSON certificate, privateKey, caCertificate of the PBX's SIP-TLS listener; re-issued by `pulumi up` 45 days before expiry, installed daily by the host",
                kmsKeyArn: key.arn,
                values: { certificate: sipCert.certPem, privateKey: sipKey.privateKeyPem, caCertificate: ca.certPem },
                format: "json",
                tags,
            },
            parent,
        );
        // The carrier's trunk credentials: people hold them, the program never sees them.
        const trunkSecretName = `${BLUEPRINT}/sip-trunk`;
        new secretsmanager.Secret(
            `${name}-sip-trunk`,
            {
                name: trunkSecretName,
                description: "Set by operators: dotenv lines TRUNK_HOST=, TRUNK_USERNAME=, TRUNK_PASSWORD= of the SIP trunk (config.yml trunks); the host copies them into the PBX's .env at every start of pbx.service",
                kmsKeyId: key.arn,
                recoveryWindowInDays: 30,
                tags: { ...tags, Name: trunkSecretName },
            },
            { ...parent, protect: true, retainOnDelete: true },
        );

        // The STI certificate for STIR/SHAKEN, from the carrier's STI-CA: operators store it.
        const stirShakenSecretName = `${BLUEPRINT}/stir-shaken`;
        new secretsmanager.Secret(
            `${name}-stir-shaken`,
            {
                name: stirShakenSecretName,
                description: "Set by operators: JSON {\"certificate\": PEM chain, \"privateKey\": PEM} of the STI certificate for STIR/SHAKEN (config.yml stir_shaken); the host installs them at every start of pbx.service",
                kmsKeyId: key.arn,
                recoveryWindowInDays: 30,
                tags: { ...tags, Name: stirShakenSecretName },
            },
            { ...parent, protect: true, retainOnDelete: true },
        );

        // --- firewall: SIP and RTP from the configured networks, web only from the load balancer --
        const pbxFirewall = new Firewall(
            `${name}-host`,
            {
                vpcId: network.vpc.id,
                description: "Warden PBX host: SIP, RTP, and the reverse proxy from the load balancer",
                ingress: [
                    { name: "sip", protocol: "udp", fromPort: 5060, toPort: 5060, cidrs: config.sipSourceCidrs, description: "SIP signalling" },
                    { name: "sips", protocol: "tcp", fromPort: SIP_TLS_PORT, toPort: SIP_TLS_PORT, cidrs: config.sipSourceCidrs, description: "SIP over TLS" },
                    { name: "rtp", protocol: "udp", fromPort: config.rtpPorts.from, toPort: config.rtpPorts.to, cidrs: config.sipSourceCidrs, description: "RTP media" },
                    ...(config.adminCidrs.length > 0 ? [{ name: "ssh", protocol: "tcp" as const, fromPort: 22, toPort: 22, cidrs: config.adminCidrs, description: "SSH from admin networks" }] : []),
                ],
                tags,
            },
            parent,
        );

        // --- database ----------------------------------------------------------------------------
        const database = new PostgresDatabase(
            `${name}-db`,
            {
                engineVersion: config.dbEngineVersion,
                instanceClass: config.dbInstanceClass,
                vpcId: network.vpc.id,
                subnetIds: network.privateSubnets.map((subnet) => subnet.id),
                clientSecurityGroupIds: [pbxFirewall.id],
                kmsKeyArn: key.arn,
                masterUsername: MASTER_USER,
                backupRetentionDays: config.backupRetentionDays,
                offsiteBackups: { region: config.backupRegion, kmsKeyArn: offsiteKey.arn, retentionDays: 14 },
                proxyUserSecretArns: [dbUser.arn],
                logRetentionDays: config.logRetentionDays,
                adminAccess: { cidrs: config.dbAdminCidrs },
                tags,
            },
            parent,
        );
        new PostgresAccess(
            `${name}-pbx`,
            {
                adminHost: config.dbAdminHost || database.instance.address,
                masterSecretArn: database.masterSecretArn,
                databaseName: "pbx_system",
                owner: MASTER_USER,
                roleName: APP_USER,
                password: dbPassword,
            },
            parent,
        );

        const envSecretName = `${BLUEPRINT}/app-env`;
        new AppSecret(
            `${name}-app-env`,
            {
                secretName: envSecretName,
                description: "Environment of the PBX service (.env)",
                kmsKeyArn: key.arn,
                values: {
                    DB_HOST: database.proxy.endpoint,
                    DB_PORT: "5432",
                    DB_NAME: "pbx_system",
                    DB_USER: APP_USER,
                    DB_PASSWORD: dbPassword.result,
                    DB_SSLMODE: "require",
                    SECRET_KEY: appKey.result,
                    ADMIN_INITIAL_PASSWORD: adminPassword.result,
                    // Where the daily pg_dump goes (the bucket's name is known only once it exists).
                    DUMP_BUCKET: artifacts.name,
                },
                tags,
            },
            parent,
        );

        // --- the PBX host -------------------------------------------------------------------------
        const sizing = sizingFor(config.extensions);
        const host = new UbuntuHost(
            `${name}-host`,
            {
                ubuntuRelease: "24.04",
                instanceType: config.instanceType,
                minimumCores: sizing.cores,
                minimumMemoryGiB: sizing.memoryGiB,
                rootVolumeGb: config.rootVolumeGb,
                subnetId: network.privateSubnets[0].id,
                availabilityZone: network.zones[0],
                securityGroupIds: [pbxFirewall.id],
                publicInterface: { subnetId: network.publicSubnets[0].id, securityGroupIds: [pbxFirewall.id], description: "SIP/RTP" },
                kmsKeyArn: key.arn,
                readableSecretNames: [envSecretName, sipTlsSecretName, trunkSecretName, stirShakenSecretName],
                agentLogGroupNames: Object.values(LOG_GROUPS),
                // The agent's metrics, the PBX's (EMF) and the host's certificate expiry.
                agentMetricNamespaces: ["CWAgent", "Warden/PBX"],
                dataVolumes: [
                    { purpose: "voicemail", sizeGb: config.voicemailVolumeGb, deviceName: "/dev/sdf" },
                    { purpose: "recordings", sizeGb: config.recordingsVolumeGb, deviceName: "/dev/sdg" },
                ],
                cloudConfig: pbxCloudConfig({
                    domain: config.domain,
                    portalName,
                    region,
                    timezone: config.timezone,
                    envSecretName,
                    sipTlsSecretName,
                    trunkSecretName,
                    stirShakenSecretName,
                    rtpPorts: config.rtpPorts,
                    sipSourceCidrs: config.sipSourceCidrs,
                    adminCidrs: config.adminCidrs,
                    webSourceCidr: config.vpcCidr,
                    repository: config.pbxRepository,
                    release: config.pbxRelease,
                    postgresMajor: config.dbEngineVersion,
                    voicemailDevice: "/dev/sdf",
                    recordingsDevice: "/dev/sdg",
                }),
                tags: { ...tags, "readiness:role": "pbx", "readiness:extensions": String(config.extensions) },
            },
            parent,
        );
        this.sipAddress = host.publicIp.publicIp;
        // The daily pg_dump writes dumps/ only, encrypted by the bucket's key (UbuntuHost has no
        // argument for extra statements, so the grant is attached to its role here).
        new iam.RolePolicy(
            `${name}-host-dumps`,
            {
                role: host.role.id,
                policy: pulumi.all([artifacts.arn, key.arn]).apply(([bucketArn, keyArn]) =>
                    JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [
                            { Sid: "WriteDumps", Effect: "Allow", Action: "s3:PutObject", Resource: `${bucketArn}/dumps/*` },
                            // Decrypt too: S3 needs it to complete a multipart (large) upload under SSE-KMS.
                            { Sid: "EncryptDumps", Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: keyArn, Condition: { StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` } } },
                        ],
                    }),
                ),
            },
            parent,
        );

        // --- DNS: A and PTR for SIP, SRV for SIP over UDP and over TLS ---------------------------
        const sipRecord = new route53.Record(`${name}-sip-a`, { zoneId, name: sipName, type: "A", ttl: 300, records: [host.publicIp.publicIp] }, parent);
        new ec2.EipDomainName(`${name}-sip-ptr`, { allocationId: host.publicIp.allocationId, domainName: sipName }, { ...parent, dependsOn: [sipRecord] });
        new route53.Record(`${name}-sip-srv`, { zoneId, name: `_sip._udp.${config.domain}`, type: "SRV", ttl: 300, records: [`10 5 5060 ${sipName}.`] }, parent);
        new route53.Record(`${name}-sips-srv`, { zoneId, name: `_sips._tcp.${config.domain}`, type: "SRV", ttl: 300, records: [`10 5 ${SIP_TLS_PORT} ${sipName}.`] }, parent);

        // --- web edge: HTTPS portal and API through the load balancer to nginx on the host -------
        const edge = new WebEdge(
            `${name}-web`,
            { vpcId: network.vpc.id, publicSubnetIds: network.publicSubnets.map((subnet) => subnet.id), domainName: portalName, zoneId, targets: [{ name: "pbx", instanceId: host.instance.id }], sslPolicy: TLS12_POLICY, tags },
            parent,
        );
        new vpc.SecurityGroupIngressRule(
            `${name}-host-web`,
            { securityGroupId: pbxFirewall.id, referencedSecurityGroupId: edge.securityGroupId, ipProtocol: "tcp", fromPort: 443, toPort: 443, description: "nginx from the load balancer" },
            parent,
        );

        // --- logs ----------------------------------------------------------------------------------
        const logGroups: Record<string, cloudwatch.LogGroup> = {};
        for (const [kind, logName] of Object.entries(LOG_GROUPS)) {
            logGroups[kind] = new cloudwatch.LogGroup(`${name}-${kind}-logs`, { name: logName, retentionInDays: config.logRetentionDays, kmsKeyId: key.arn, tags: { ...tags, Name: `${name}-${kind}-logs` } }, parent);
        }
        // Failed logins as the PBX logs them (the lines fail2ban's pbx-auth jails ban on), and
        // sshd's with keys only (password login is off, so "Failed password" never appears).
        new cloudwatch.LogMetricFilter(
            `${name}-failed-logins`,
            { logGroupName: logGroups.app.name, pattern: anyOfPattern(PBX_AUTH_FAILURES), metricTransformation: { namespace: "Warden/PBX", name: "FailedLogins", value: "1", defaultValue: "0" } },
            parent,
        );
        new cloudwatch.LogMetricFilter(
            `${name}-ssh-failures`,
            { logGroupName: logGroups.auth.name, pattern: anyOfPattern(SSHD_FAILURES), metricTransformation: { namespace: "Warden/PBX", name: "SshFailedLogins", value: "1", defaultValue: "0" } },
            parent,
        );
        // GuardDuty findings (the account's detector) to the on-call topic.
        const findings = new cloudwatch.EventRule(
            `${name}-guardduty-findings`,
            { description: "GuardDuty findings to the Warden PBX alert topic", eventPattern: JSON.stringify({ source: ["aws.guardduty"], "detail-type": ["GuardDuty Finding"] }), tags: { ...tags, Name: `${name}-guardduty-findings` } },
            parent,
        );
        new cloudwatch.EventTarget(`${name}-guardduty-findings`, { rule: findings.name, arn: alerts.arn }, parent);

        // --- alarms: every threshold of the checklist, to the alert topic ---------------------------
        const instance = { InstanceId: host.instance.id };
        const alarm = (spec: AlarmSpec) => spec;
        const alarms: AlarmSpec[] = [
            alarm({ name: "cpu", description: "PBX host CPU above 80%", namespace: "AWS/EC2", metricName: "CPUUtilization", dimensions: instance, comparison: "GreaterThanThreshold", threshold: 80 }),
            alarm({ name: "memory", description: "PBX host memory above 80%", namespace: "CWAgent", metricName: "mem_used_percent", dimensions: instance, comparison: "GreaterThanThreshold", threshold: 80 }),
            ...[
                ["disk-root", "/"],
                ["disk-voicemail", VOICEMAIL_DIR],
                ["disk-recordings", RECORDINGS_DIR],
            ].map(([alarmName, path]) =>
                alarm({ name: alarmName, description: `Disk ${path} above 80%`, namespace: "CWAgent", metricName: "disk_used_percent", dimensions: { ...instance, path }, comparison: "GreaterThanThreshold", threshold: 80, evaluationPeriods: 1 }),
            ),
            alarm({ name: "status-check", description: "PBX host failed its EC2 status checks", namespace: "AWS/EC2", metricName: "StatusCheckFailed", dimensions: instance, statistic: "Maximum", comparison: "GreaterThanThreshold", threshold: 0, period: 60 }),
            alarm({ name: "network-out", description: "PBX outbound traffic above 5 GB in 5 minutes", namespace: "AWS/EC2", metricName: "NetworkOut", dimensions: instance, comparison: "GreaterThanThreshold", threshold: 5e9, treatMissingData: "notBreaching" }),
            alarm({ name: "load", description: "More than 16 runnable processes", namespace: "CWAgent", metricName: "processes_running", dimensions: instance, comparison: "GreaterThanThreshold", threshold: 16 }),
            alarm({ name: "service-down", description: "The PBX process is not running", namespace: "CWAgent", metricName: "procstat_lookup_pid_count", dimensions: { ...instance, pattern: `${PBX_HOME}/main.py`, pid_finder: "native" }, comparison: "LessThanThreshold", threshold: 1, period: 60 }),
            alarm({ name: "registrations", description: "Fewer than 10 SIP registrations", namespace: "Warden/PBX", metricName: "ActiveRegistrations", comparison: "LessThanThreshold", threshold: 10 }),
            alarm({ name: "concurrent-calls", description: "More concurrent calls than sized for", namespace: "Warden/PBX", metricName: "ConcurrentCalls", comparison: "GreaterThanThreshold", threshold: Math.max(10, Math.floor(config.extensions * 0.8)), period: 60, evaluationPeriods: 3, treatMissingData: "notBreaching" }),
            alarm({ name: "call-quality", description: "Call quality (MOS) below 3.5", namespace: "Warden/PBX", metricName: "CallQualityMOS", comparison: "LessThanThreshold", threshold: 3.5, treatMissingData: "notBreaching" }),
            alarm({ name: "call-success", description: "Call success rate below 95%", namespace: "Warden/PBX", metricName: "CallSuccessRate", comparison: "LessThanThreshold", threshold: 95, treatMissingData: "notBreaching" }),
            alarm({ name: "api-latency", description: "API latency above 1 s", namespace: "Warden/PBX", metricName: "ApiLatency", comparison: "GreaterThanThreshold", threshold: 1000, period: 60, evaluationPeriods: 3, treatMissingData: "notBreaching" }),
            alarm({ name: "db-connection-errors", description: "The PBX cannot reach its database", namespace: "Warden/PBX", metricName: "DatabaseConnectionErrors", statistic: "Sum", comparison: "GreaterThanThreshold", threshold: 0, period: 60, evaluationPeriods: 1, treatMissingData: "notBreaching" }),
            alarm({ name: "db-pool", description: "Database connection pool above 80% in use", namespace: "Warden/PBX", metricName: "DatabasePoolInUse", comparison: "GreaterThanThreshold", threshold: 80, period: 60, evaluationPeriods: 3, treatMissingData: "notBreaching" }),
            alarm({ name: "failed-logins", description: "More than 10 failed logins in 5 minutes", namespace: "Warden/PBX", metricName: "FailedLogins", statistic: "Sum", comparison: "GreaterThanThreshold", threshold: 10, evaluationPeriods: 1, treatMissingData: "notBreaching" }),
            alarm({ name: "ssh-failures", description: "More than 10 failed SSH logins in 5 minutes", namespace: "Warden/PBX", metricName: "SshFailedLogins", statistic: "Sum", comparison: "GreaterThanThreshold", threshold: 10, evaluationPeriods: 1, treatMissingData: "notBreaching" }),
            // Published hourly by the host (pbx-sip-tls-expiry.timer); a silent day breaches.
            alarm({ name: "sip-certificate-expiry", description: "The SIP-TLS certificate expires within 30 days", namespace: "Warden/PBX", metricName: SIP_CERT_METRIC, statistic: "Minimum", comparison: "LessThanThreshold", threshold: 30, period: 86400, evaluationPeriods: 1 }),
            alarm({ name: "certificate-expiry", description: "The portal certificate expires within 30 days", namespace: "AWS/CertificateManager", metricName: "DaysToExpiry", dimensions: { CertificateArn: edge.certificate.arn }, statistic: "Minimum", comparison: "LessThanThreshold", threshold: 30, period: 86400, evaluationPeriods: 1 }),
            alarm({ name: "db-free-storage", description: "Database free storage below 10 GB", namespace: "AWS/RDS", metricName: "FreeStorageSpace", dimensions: { DBInstanceIdentifier: database.instance.identifier }, comparison: "LessThanThreshold", threshold: 10e9, evaluationPeriods: 1 }),
            alarm({ name: "db-connections", description: "Database refuses or loses connections", namespace: "AWS/RDS", metricName: "DatabaseConnections", dimensions: { DBInstanceIdentifier: database.instance.identifier }, statistic: "Minimum", comparison: "LessThanThreshold", threshold: 1, period: 300, evaluationPeriods: 2 }),
            alarm({ name: "app-logs-silent", description: "The PBX wrote no log line for 15 minutes", namespace: "AWS/Logs", metricName: "IncomingLogEvents", dimensions: { LogGroupName: logGroups.app.name }, statistic: "Sum", comparison: "LessThanThreshold", threshold: 1, period: 900, evaluationPeriods: 1 }),
        ];

        // --- backups: database, host and data volumes; artifacts bucket --------------------------
        // Restore tests boot a clone of the PBX host into a security group without a single rule.
        const restoreIsolation = new Firewall(`${name}-restore-isolation`, { vpcId: network.vpc.id, description: "Restore tests of the PBX host: no inbound, no outbound traffic", ingress: [], egress: "none", tags }, parent);
        const backups = new BackupPlan(
            `${name}-backup`,
            {
                kmsKeyArn: key.arn,
                offsite: { region: config.backupRegion, kmsKeyArn: offsiteKey.arn, retentionDays: config.offsiteRetentionDays },
                resourceArns: [database.instance.arn, host.instance.arn, ...Object.values(host.volumes).map((volume) => volume.arn)],
                // The database, the data volumes, and the host isolated: its clone boots with the
                // production .env and the PBX enabled, so it must reach nothing and nothing it.
                restoreTests: [
                    { type: "RDS", resourceArns: [database.instance.arn] },
                    { type: "EBS", resourceArns: Object.values(host.volumes).map((volume) => volume.arn) },
                    { type: "EC2", resourceArns: [host.instance.arn], isolation: { subnetId: network.privateSubnets[0].id, securityGroupId: restoreIsolation.id } },
                ],
                retentionDays: config.backupRetentionDays,
                dailyHourUtc: 2,
                notificationTopicArn: alerts.arn,
                tags,
            },
            parent,
        );
        alarms.push(
            alarm({ name: "backup-failures", description: "A backup job failed", namespace: "AWS/Backup", metricName: "NumberOfBackupJobsFailed", dimensions: { BackupVaultName: backups.vault.name }, statistic: "Sum", comparison: "GreaterThanThreshold", threshold: 0, period: 3600, evaluationPeriods: 1, treatMissingData: "notBreaching" }),
        );
        new Alarms(`${name}-alarms`, { topicArn: alerts.arn, alarms, tags }, parent);

        new cloudwatch.Dashboard(
            `${name}-dashboard`,
            {
                dashboardName: name,
                dashboardBody: host.instance.id.apply((instanceId) =>
                    JSON.stringify({
                        widgets: [
                            [["Warden/PBX", "ConcurrentCalls"], ["Warden/PBX", "ActiveRegistrations"]],
                            [["Warden/PBX", "CallSuccessRate"], ["Warden/PBX", "AverageCallDuration"], ["Warden/PBX", "CallQualityMOS"]],
                            [["Warden/PBX", "ApiLatency"], ["Warden/PBX", "DatabasePoolInUse"], ["Warden/PBX", "DatabaseConnectionErrors"]],
                            [["AWS/EC2", "CPUUtilization", "InstanceId", instanceId], ["CWAgent", "mem_used_percent", "InstanceId", instanceId], ["CWAgent", "disk_used_percent", "InstanceId", instanceId, "path", "/"]],
                            [["AWS/RDS", "ReadLatency", "DBInstanceIdentifier", `${name}-db`], ["AWS/RDS", "WriteLatency", "DBInstanceIdentifier", `${name}-db`]],
                            [["Warden/PBX", "FailedLogins", { stat: "Sum" }], ["Warden/PBX", "SshFailedLogins", { stat: "Sum" }], ["Warden/PBX", SIP_CERT_METRIC, { stat: "Minimum" }]],
                        ].map((metrics, index) => ({ type: "metric", x: (index % 2) * 12, y: Math.floor(index / 2) * 6, width: 12, height: 6, properties: { metrics, region, period: 300, stat: "Average" } })),
                    }),
                ),
            },
            parent,
        );
        this.registerOutputs({ sipAddress: this.sipAddress, portalUrl: this.portalUrl });
    }
}

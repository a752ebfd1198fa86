// The VoiceAssist production environment (HIPAA): everything checklists/voiceassist.md asks of
// the infrastructure, from the shared components plus the Kubernetes ones. One component of type
// readiness:blueprint:VoiceAssist parents it all, so the policy packs can tell it apart.
import * as pulumi from "@pulumi/pulumi";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as ecr from "@pulumi/aws/ecr";
import * as iam from "@pulumi/aws/iam";
import * as route53 from "@pulumi/aws/route53";
import * as secretsmanager from "@pulumi/aws/secretsmanager";
import * as vpc from "@pulumi/aws/vpc";
import * as random from "@pulumi/random";
import { Provider } from "@pulumi/kubernetes/provider";
import { BackupPlan } from "../components/backup/backup-plan";
import { SecureBucket } from "../components/backup/secure-bucket";
import { UbuntuHost } from "../components/compute/ubuntu-host";
import { PostgresAccess } from "../components/database/postgres-access";
import { PostgresDatabase } from "../components/database/postgres-database";
import { Qdrant } from "../components/datastores/qdrant";
import { Redis } from "../components/datastores/redis";
import { TLS13_POLICY, WebEdge } from "../components/edge/web-edge";
import { EksCluster } from "../components/kubernetes/eks-cluster";
import { EncryptedStorageClass } from "../components/kubernetes/encrypted-storage-class";
import { SecretSync } from "../components/kubernetes/secret-sync";
import { PodSecurityLevel, SecureNamespace } from "../components/kubernetes/secure-namespace";
import { AlarmSpec, Alarms } from "../components/monitoring/alarms";
import { AlertTopic } from "../components/monitoring/alert-topic";
import { Firewall } from "../components/network/firewall";
import { Vpc } from "../components/network/vpc";
import { MonitoringStack } from "../components/observability/monitoring-stack";
import { AppSecret } from "../components/security/app-secret";
import { KmsKey } from "../components/security/kms-key";
import { VOICEASSIST_SIZING, VoiceAssistConfig } from "./voiceassist-config";
import { LOG_GROUPS, appHostCloudConfig } from "./voiceassist-host";
import { ALERT_RULES, DASHBOARDS, REDIS_CA_PATH, VoiceAssistWorkloads } from "./voiceassist-workloads";

const BLUEPRINT = "voiceassist";
/** A private zone of the VPC (.internal is reserved for private use) and the application's name in it. */
const INTERNAL_ZONE = "voiceassist.internal";
const API_INTERNAL_NAME = `api.${INTERNAL_ZONE}`;
const MASTER_USER = "voiceassist_admin";
const APP_USER = "voiceassist";
const BACKUP_TAG = { key: "readiness:backup", value: "daily" };
/** The longest RDS keeps automated backups, replicated ones included. */
const RDS_MAX_BACKUP_RETENTION_DAYS = 35;

export class VoiceAssist extends pulumi.ComponentResource {
    readonly url: string;

    constructor(name: string, config: VoiceAssistConfig, opts?: pulumi.ComponentResourceOptions) {
        super("readiness:blueprint:VoiceAssist", name, {}, opts);
        const parent = { parent: this };
        const tags = { "readiness:blueprint": BLUEPRINT };
        const labels = { "readiness/blueprint": BLUEPRINT };
        const region = new pulumi.Config("aws").get("region") ?? "us-east-1";
        this.url = `https://${config.domain}`;

        const key = new KmsKey(
            `${name}-data`,
            // Auto Scaling launches the EKS nodes, whose root volumes the key encrypts.
            { description: "VoiceAssist PHI: volumes, database, backups, logs, secrets", servicePrincipals: ["logs.{region}.amazonaws.com", "cloudwatch.amazonaws.com", "events.amazonaws.com"], autoScalingLaunches: config.kubernetes === "eks", tags },
            parent,
        );
        const offsiteKey = new KmsKey(`${name}-offsite`, { description: "VoiceAssist off-site backups", region: config.backupRegion, tags }, parent);
        const network = new Vpc(name, { cidrBlock: config.vpcCidr, kmsKeyArn: key.arn, flowLogRetentionDays: 365, tags }, parent);
        const zoneId = config.hostedZoneId ? pulumi.output(config.hostedZoneId) : new route53.Zone(`${name}-zone`, { name: config.domain, comment: "VoiceAssist", tags }, { ...parent, protect: true }).zoneId;
        const alerts = new AlertTopic(`${name}-alerts`, { kmsKeyArn: key.arn, emails: [config.alertEmail], allowEventBridge: true, tags }, parent);

        // --- generated secrets ----------------------------------------------------------------
        const secretKey = new random.RandomPassword(`${name}-secret-key`, { length: 64, special: false }, parent);
        const jwtSecretKey = new random.RandomPassword(`${name}-jwt-secret-key`, { length: 64, special: false }, parent);
        const encryptionKey = new random.RandomBytes(`${name}-encryption-key`, { length: 32 }, parent);
        const dbPassword = new random.RandomPassword(`${name}-db-password`, { length: 32, special: false }, parent);
        const dbUser = new AppSecret(`${name}-db-app-user`, { secretName: `${BLUEPRINT}/db-app-user`, description: "Application database user, for RDS Proxy", kmsKeyArn: key.arn, values: { username: APP_USER, password: dbPassword.result }, format: "json", tags }, parent);

        // --- the Kubernetes cluster ---------------------------------------------------------------
        let provider: Provider;
        let oidc: { arn: pulumi.Input<string>; url: pulumi.Input<string> };
        // The security groups of the nodes, which their pods' connections to RDS carry.
        let nodeSecurityGroupIds: pulumi.Input<string>[];
        if (config.kubernetes === "eks") {
            const cluster = new EksCluster(
                `${name}-eks`,
                {
                    vpcId: network.vpc.id,
                    subnetIds: network.privateSubnets.map((subnet) => subnet.id),
                    kmsKeyArn: key.arn,
                    publicAccessCidrs: config.eksPublicAccessCidrs,
                    nodeInstanceType: config.nodeInstanceType,
                    nodeCount: config.nodeCount,
                    adminRoleArns: config.eksAdminRoleArns,
                    viewerRoleArns: config.eksViewerRoleArns,
                    viewNamespaces: ["voiceassist"],
                    logRetentionDays: config.auditRetentionDays,
                    tags,
                },
                parent,
            );
            provider = cluster.provider;
            oidc = { arn: cluster.oidcProvider.arn, url: cluster.oidcProvider.url };
            nodeSecurityGroupIds = [cluster.nodeSecurityGroupId];
        } else {
            provider = new Provider(`${name}-k8s`, { kubeconfig: pulumi.secret(config.kubeconfig), enableServerSideApply: true }, parent);
            oidc = { arn: config.oidcProviderArn, url: config.oidcProviderUrl };
            nodeSecurityGroupIds = config.clusterSecurityGroupIds;
        }
        const k8s = { parent: this, provider };
        const storage = new EncryptedStorageClass(`${name}-storage`, { name: "gp3-encrypted", kmsKeyArn: key.arn, backupTag: BACKUP_TAG, labels }, k8s);
        // Pod Security: the app meets "restricted"; the charts of the data stores and the operator "baseline";
        // monitoring must be "privileged": the node exporter uses the host's network and PID namespaces and
        // Promtail reads the nodes' logs through hostPath volumes, which "baseline" refuses (and the atomic
        // kube-prometheus-stack release would roll back).
        const podSecurity: Record<string, PodSecurityLevel> = { voiceassist: "restricted", data: "baseline", monitoring: "privileged", "external-secrets": "baseline" };
        const namespaces = Object.fromEntries(Object.entries(podSecurity).map(([namespace, level]) => [namespace, new SecureNamespace(`${name}-${namespace}`, { name: namespace, podSecurity: level, labels }, k8s)]));

        // The application host only proxies to the cluster: the database admits the nodes, not the host.
        const hostFirewall = new Firewall(
            `${name}-host`,
            {
                vpcId: network.vpc.id,
                description: "VoiceAssist host: HTTP(S) from the load balancer, SSH from admin networks",
                ingress: config.adminCidrs.length > 0 ? [{ name: "ssh", protocol: "tcp", fromPort: 22, toPort: 22, cidrs: config.adminCidrs, description: "SSH from admin networks" }] : [],
                tags,
            },
            parent,
        );

        // --- data stores ---------------------------------------------------------------------------
        const database = new PostgresDatabase(
            `${name}-db`,
            {
                instanceClass: config.dbInstanceClass,
                allocatedStorageGb: 200,
                vpcId: network.vpc.id,
                subnetIds: network.privateSubnets.map((subnet) => subnet.id),
                clientSecurityGroupIds: nodeSecurityGroupIds,
                kmsKeyArn: key.arn,
                masterUsername: MASTER_USER,
                backupRetentionDays: config.backupRetentionDays,
                readReplica: true,
                // RDS keeps replicated automated backups at most 35 days; the 90-day off-site copies are AWS Backup's (below).
                offsiteBackups: { region: config.backupRegion, kmsKeyArn: offsiteKey.arn, retentionDays: RDS_MAX_BACKUP_RETENTION_DAYS },
                proxyUserSecretArns: [dbUser.arn],
                // The postgresql log carries pgaudit's records: kept as long as every audit log.
                logRetentionDays: config.auditRetentionDays,
                adminAccess: { cidrs: config.dbAdminCidrs },
                parameters: [
                    { name: "max_connections", value: "200", applyMethod: "pending-reboot" },
                    { name: "shared_preload_libraries", value: "pg_stat_statements,pgaudit", applyMethod: "pending-reboot" },
                    { name: "pg_stat_statements.track", value: "all" },
                    { name: "pgaudit.log", value: "ddl,role,write" },
                    { name: "ssl_min_protocol_version", value: "TLSv1.3" },
                ],
                tags,
            },
            parent,
        );
        // The provider connects from where `pulumi up` runs: the private address from inside the VPC, or voiceassistDbAdminHost (a tunnel's end).
        const access = new PostgresAccess(`${name}-app`, { adminHost: config.dbAdminHost || database.instance.address, masterSecretArn: database.masterSecretArn, databaseName: APP_USER, owner: MASTER_USER, roleName: APP_USER, password: dbPassword }, parent);

        // SES SMTP credentials for the application, Alertmanager and Grafana, generated (the key's SMTP password is a secret output).
        const mailer = new iam.User(`${name}-smtp`, { path: "/service/", tags }, parent);
        new iam.UserPolicy(`${name}-smtp`, { user: mailer.name, policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ses:SendRawEmail", Resource: "*" }] }) }, parent);
        const smtpKey = new iam.AccessKey(`${name}-smtp`, { user: mailer.name }, parent);

        // Secrets people hold (alert receivers, the OpenAI key): Secrets Manager entries operators
        // fill with `aws secretsmanager put-secret-value`, synced into the cluster.
        const receivers = new secretsmanager.Secret(`${name}-alert-receivers`, { name: `${BLUEPRINT}/alert-receivers`, description: "Set by operators: JSON pagerduty-routing-key, slack-webhook-url, heartbeat-url (Alertmanager's receivers, synced into the cluster)", kmsKeyId: key.arn, recoveryWindowInDays: 30, tags }, { ...parent, protect: true, retainOnDelete: true });
        const openai = new secretsmanager.Secret(`${name}-openai`, { name: `${BLUEPRINT}/openai`, description: "Set by operators: JSON OPENAI_API_KEY (synced into the cluster for the application)", kmsKeyId: key.arn, recoveryWindowInDays: 30, tags }, { ...parent, protect: true, retainOnDelete: true });
        const sync = new SecretSync(
            `${name}-secret-sync`,
            { namespace: namespaces["external-secrets"].name, region, secretArns: [receivers.arn, openai.arn], kmsKeyArn: key.arn, oidcProvider: oidc, controlPlaneCidr: config.vpcCidr, labels },
            k8s,
        );

        // Monitoring first: its release installs the ServiceMonitor/PodMonitor CRDs the data stores and the app use.
        const logs = new SecureBucket(`${name}-logs`, { kmsKeyArn: key.arn, expireAfterDays: 35, tags }, parent);
        const monitoring = new MonitoringStack(
            `${name}-monitoring`,
            {
                namespace: namespaces.monitoring.name,
                storageClassName: storage.name,
                region,
                alertRules: ALERT_RULES,
                dashboards: DASHBOARDS,
                alertEmail: config.alertEmail,
                slackChannel: config.slackChannel,
                smtp: { host: `email-smtp.${region}.amazonaws.com:587`, from: `alerts@${config.domain}`, username: smtpKey.id, password: smtpKey.sesSmtpPasswordV4 },
                receiversSecretName: receivers.name,
                secretStoreName: sync.storeName,
                logBucket: { name: logs.name, arn: logs.arn },
                oidcProvider: oidc,
                kmsKeyArn: key.arn,
                clusterCidr: config.vpcCidr,
                labels,
            },
            k8s,
        );

        const redis = new Redis(`${name}-redis`, { namespace: namespaces.data.name, storageClassName: storage.name, clientNamespaces: ["voiceassist"], metricsNamespaces: ["monitoring"], serviceMonitorCrds: monitoring.prometheus, labels }, k8s);
        const snapshots = new SecureBucket(`${name}-snapshots`, { kmsKeyArn: key.arn, expireAfterDays: 90, tags }, parent);
        const qdrant = new Qdrant(
            `${name}-qdrant`,
            {
                namespace: namespaces.data.name,
                storageClassName: storage.name,
                // Prometheus scrapes Qdrant's REST port.
                clientNamespaces: ["voiceassist", "monitoring"],
                collections: { documents: 1536, conversations: 1536 },
                snapshotBucket: { name: snapshots.name, arn: snapshots.arn },
                oidcProvider: oidc,
                kmsKeyArn: key.arn,
                serviceMonitorCrds: monitoring.prometheus,
                labels,
            },
            k8s,
        );

        const appSecrets = {
            POSTGRES_USER: pulumi.output(APP_USER),
            POSTGRES_DB: pulumi.output(APP_USER),
            POSTGRES_PASSWORD: dbPassword.result,
            DATABASE_URL: pulumi.interpolate`postgresql+asyncpg://${APP_USER}:${dbPassword.result}@${database.proxy.endpoint}:5432/${APP_USER}?ssl=require`,
            REDIS_PASSWORD: redis.password.result,
            // redis-py and Celery read the TLS settings from the URL (Celery requires ssl_cert_reqs with rediss://).
            REDIS_URL: pulumi.interpolate`rediss://:${redis.password.result}@${redis.host}:6379/0?ssl_cert_reqs=required&ssl_ca_certs=${REDIS_CA_PATH}`,
            SECRET_KEY: secretKey.result,
            JWT_SECRET_KEY: jwtSecretKey.result,
            ENCRYPTION_KEY: encryptionKey.base64,
            QDRANT_API_KEY: qdrant.apiKey.result,
            SMTP_USER: smtpKey.id,
            SMTP_PASSWORD: smtpKey.sesSmtpPasswordV4,
        };
        const envSecretName = `${BLUEPRINT}/app`;
        new AppSecret(`${name}-app-env`, { secretName: envSecretName, description: "VoiceAssist application secrets (.env)", kmsKeyArn: key.arn, values: appSecrets, tags }, parent);

        // --- the public edge: its certificate also serves the API gateway's internal load balancer ---
        // The host joins the edge's targets below: its nginx needs that load balancer's name first.
        const edge = new WebEdge(
            `${name}-web`,
            { vpcId: network.vpc.id, publicSubnetIds: network.publicSubnets.map((subnet) => subnet.id), domainName: config.domain, zoneId, targets: [], sslPolicy: TLS13_POLICY, accessLogDays: config.auditRetentionDays, tags },
            parent,
        );

        // --- the application: images, Kubernetes workloads --------------------------------------
        const repositories = ["api-gateway", "worker"].map(
            (image) =>
                new ecr.Repository(
                    `${name}-${image}`,
                    { name: `${BLUEPRINT}/${image}`, imageTagMutability: "IMMUTABLE", imageScanningConfiguration: { scanOnPush: true }, encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: key.arn }], tags },
                    parent,
                ),
        );
        const workloads = new VoiceAssistWorkloads(
            `${name}-workloads`,
            {
                namespace: namespaces.voiceassist.name,
                domain: config.domain,
                region,
                vpcCidr: config.vpcCidr,
                certificateArn: edge.validatedCertificateArn,
                imageRepositories: repositories.map((repository) => repository.repositoryUrl),
                imageTag: config.imageTag,
                secrets: appSecrets,
                externalSecret: { storeName: sync.storeName, secretName: openai.name, keys: ["OPENAI_API_KEY"] },
                redisHost: redis.host,
                qdrantUrl: qdrant.url,
                qdrantCaCertPem: qdrant.caCertPem,
                redisCaCertPem: redis.caCertPem,
                database: access,
                monitoringCrds: monitoring.prometheus,
                labels,
            },
            k8s,
        );

        // --- the application host: nginx between the public load balancer and the cluster's -------
        // The host's CloudWatch agent ships the kernel audit log and nginx's logs here; it may not create groups.
        const hostLogGroup = (part: string, groupName: string) =>
            new cloudwatch.LogGroup(`${name}-${part}`, { name: groupName, retentionInDays: config.auditRetentionDays, kmsKeyId: key.arn, tags: { ...tags, Name: `${name}-${part}` } }, { ...parent, protect: true, retainOnDelete: true });
        const auditLogs = hostLogGroup("audit", LOG_GROUPS.audit);
        hostLogGroup("nginx-logs", LOG_GROUPS.nginx);
        // The internal load balancer under a stable name, resolvable inside the VPC only.
        const internalZone = new route53.Zone(`${name}-internal`, { name: INTERNAL_ZONE, comment: "VoiceAssist names inside the VPC", vpcs: [{ vpcId: network.vpc.id }], tags }, parent);
        const apiName = new route53.Record(`${name}-api-internal`, { zoneId: internalZone.zoneId, name: API_INTERNAL_NAME, type: "CNAME", ttl: 60, records: [workloads.apiEndpoint] }, parent);
        const host = new UbuntuHost(
            `${name}-host`,
            {
                ubuntuRelease: config.ubuntuRelease,
                instanceType: config.instanceType,
                minimumCores: VOICEASSIST_SIZING.cores,
                minimumMemoryGiB: VOICEASSIST_SIZING.memoryGiB,
                rootVolumeGb: config.rootVolumeGb,
                minimumRootVolumeGb: 50,
                subnetId: network.privateSubnets[0].id,
                availabilityZone: network.zones[0],
                securityGroupIds: [hostFirewall.id],
                kmsKeyArn: key.arn,
                agentLogGroupNames: [LOG_GROUPS.audit, LOG_GROUPS.nginx],
                dataVolumes: [{ purpose: "data", sizeGb: config.dataVolumeGb, deviceName: "/dev/sdf" }],
                // The application's name in the VPC's private zone, taken from its record: known in a first
                // preview (the record's own input), and the host boots only once the record exists, since
                // nginx resolves its upstream when it starts.
                cloudConfig: apiName.name.apply((apiEndpoint) =>
                    appHostCloudConfig({ hostname: `app.${config.domain}`, domain: config.domain, apiEndpoint, adminCidrs: config.adminCidrs, adminSshKeys: config.adminSshKeys, webSourceCidr: config.vpcCidr, dataDevice: "/dev/sdf" }),
                ),
                tags: { ...tags, "readiness:role": "app" },
            },
            parent,
        );
        new route53.Record(`${name}-host-a`, { zoneId, name: `app.${config.domain}`, type: "A", ttl: 300, records: [host.publicIp.publicIp] }, parent);
        edge.attachTarget({ name: "app", instanceId: host.instance.id });
        new vpc.SecurityGroupIngressRule(`${name}-host-web`, { securityGroupId: hostFirewall.id, referencedSecurityGroupId: edge.securityGroupId, ipProtocol: "tcp", fromPort: 443, toPort: 443, description: "nginx (HTTPS) from the load balancer" }, parent);

        // --- audit, alarms, backups -----------------------------------------------------------------
        const findings = new cloudwatch.EventRule(`${name}-guardduty-findings`, { description: "GuardDuty findings to the alert topic", eventPattern: JSON.stringify({ source: ["aws.guardduty"], "detail-type": ["GuardDuty Finding"] }), tags }, parent);
        new cloudwatch.EventTarget(`${name}-guardduty-findings`, { rule: findings.name, arn: alerts.arn }, parent);
        const instance = { InstanceId: host.instance.id };
        const alarms: AlarmSpec[] = [
            { name: "cpu", description: "Host CPU above 80%", namespace: "AWS/EC2", metricName: "CPUUtilization", dimensions: instance, comparison: "GreaterThanThreshold", threshold: 80 },
            { name: "memory", description: "Host memory above 85%", namespace: "CWAgent", metricName: "mem_used_percent", dimensions: instance, comparison: "GreaterThanThreshold", threshold: 85 },
            { name: "status-check", description: "Host failed its EC2 status checks", namespace: "AWS/EC2", metricName: "StatusCheckFailed", dimensions: instance, statistic: "Maximum", comparison: "GreaterThanThreshold", threshold: 0, period: 60 },
            { name: "db-replica-lag", description: "Replication lag above 1 second", namespace: "AWS/RDS", metricName: "ReplicaLag", dimensions: { DBInstanceIdentifier: `${name}-db-replica` }, statistic: "Maximum", comparison: "GreaterThanThreshold", threshold: 1, period: 60, evaluationPeriods: 3 },
            { name: "db-free-storage", description: "Database free storage below 20 GB", namespace: "AWS/RDS", metricName: "FreeStorageSpace", dimensions: { DBInstanceIdentifier: database.instance.identifier }, comparison: "LessThanThreshold", threshold: 20e9, evaluationPeriods: 1 },
            { name: "certificate-expiry", description: "The certificate expires within 30 days", namespace: "AWS/CertificateManager", metricName: "DaysToExpiry", dimensions: { CertificateArn: edge.certificate.arn }, statistic: "Minimum", comparison: "LessThanThreshold", threshold: 30, period: 86400, evaluationPeriods: 1 },
            { name: "healthy-hosts", description: "No healthy API host behind the load balancer", namespace: "AWS/ApplicationELB", metricName: "HealthyHostCount", dimensions: { TargetGroup: edge.targetGroup.arnSuffix, LoadBalancer: edge.loadBalancer.arnSuffix }, statistic: "Minimum", comparison: "LessThanThreshold", threshold: 1, period: 60 },
            { name: "unhealthy-hosts", description: "An API host fails its health check", namespace: "AWS/ApplicationELB", metricName: "UnHealthyHostCount", dimensions: { TargetGroup: edge.targetGroup.arnSuffix, LoadBalancer: edge.loadBalancer.arnSuffix }, statistic: "Maximum", comparison: "GreaterThanThreshold", threshold: 0, period: 60 },
            { name: "audit-logs-silent", description: "No audit record for an hour", namespace: "AWS/Logs", metricName: "IncomingLogEvents", dimensions: { LogGroupName: auditLogs.name }, statistic: "Sum", comparison: "LessThanThreshold", threshold: 1, period: 3600, evaluationPeriods: 1 },
        ];
        const backups = new BackupPlan(
            `${name}-backup`,
            {
                kmsKeyArn: key.arn,
                offsite: { region: config.backupRegion, kmsKeyArn: offsiteKey.arn, retentionDays: config.offsiteRetentionDays },
                resourceArns: [database.instance.arn, host.instance.arn, ...Object.values(host.volumes).map((volume) => volume.arn)],
                selectionTag: BACKUP_TAG,
                retentionDays: config.backupRetentionDays,
                dailyHourUtc: 2,
                notificationTopicArn: alerts.arn,
                restoreTestTypes: ["RDS", "EBS"],
                tags,
            },
            parent,
        );
        alarms.push(
            { name: "backup-failures", description: "A backup job failed", namespace: "AWS/Backup", metricName: "NumberOfBackupJobsFailed", dimensions: { BackupVaultName: backups.vault.name }, statistic: "Sum", comparison: "GreaterThanThreshold", threshold: 0, period: 3600, evaluationPeriods: 1, treatMissingData: "notBreaching" },
            { name: "restore-test-failures", description: "A restore test failed", namespace: "AWS/Backup", metricName: "NumberOfRestoreJobsFailed", dimensions: { BackupVaultName: backups.vault.name }, statistic: "Sum", comparison: "GreaterThanThreshold", threshold: 0, period: 3600, evaluationPeriods: 1, treatMissingData: "notBreaching" },
        );
        new Alarms(`${name}-alarms`, { topicArn: alerts.arn, alarms, tags }, parent);
        this.registerOutputs({ url: this.url });
    }
}

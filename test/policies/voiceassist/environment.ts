// A VoiceAssist environment that meets the checklist, as fixture resources: the shapes of
// docs/development.md and policies/voiceassist/voiceassist.ts. An EC2 server (launch template +
// #cloud-config: Docker, nginx, auditd, fail2ban, ufw) behind an ALB with TLS 1.3 and WAF, its nginx
// proxying over verified TLS 1.3 to the API gateway's internal network load balancer (a Service of
// type LoadBalancer, api.voiceassist.internal in a private zone) and on to pods serving TLS; EKS with
// KMS-encrypted secrets, an explicit kubernetes provider, the application as Deployments fed by a
// ConfigMap and a Secret of generated keys, Redis (Bitnami) and Qdrant releases on encrypted
// Retain volumes, kube-prometheus-stack / Loki / promtail / Jaeger / OpenTelemetry collector;
// RDS PostgreSQL primary + replica behind RDS Proxy; AWS Backup with a cross-region copy and
// restore testing; CloudTrail on an object-locked bucket (7 years), AWS Config, GuardDuty,
// Inspector, ECR scan on push. Rule tests change one property to make a rule fail.
import { Environment, UNKNOWN, USER_DATA } from "../../helpers/environment";
import { secret } from "../../helpers/policy-harness";

export { Environment, UNKNOWN };

export const DOMAIN = "voiceassist.example.com";
export const ADMIN_CIDR = "203.0.113.0/24";

const TAGS = (name: string, extra: Record<string, string> = {}) => ({ "readiness:blueprint": "voiceassist", Name: name, ...extra });
const LABELS = (extra: Record<string, string> = {}) => ({ "readiness/blueprint": "voiceassist", ...extra });
/** Container resources as the kit's components set them at each chart's values paths. */
const RESOURCES = (requestCpu: string, requestMemory: string, limitCpu: string, limitMemory: string) => ({ requests: { cpu: requestCpu, memory: requestMemory }, limits: { cpu: limitCpu, memory: limitMemory } });

/** Generated values (what random resources return once created). */
export const GENERATED = {
    db: "db-password-generated-0123456789abcdef",
    redis: "redis-password-generated-0123456789abcd",
    secretKey: "s".repeat(64),
    jwtSecretKey: "j".repeat(64),
    encryptionKey: "ZW5jcnlwdGlvbi1rZXktMzItYnl0ZXMtbG9uZy4uLi4=",
    qdrant: "qdrant-api-key-generated-0123456789abcdefghijk",
    grafana: "grafana-admin-password-generated-012345",
};

/** The VPC's block: the load balancer's nodes reach nginx from it (set_real_ip_from, ufw). */
export const VPC_CIDR = "10.0.0.0/16";

/** The API gateway's name in the VPC's private zone (a CNAME to its internal network load balancer, stacks/voiceassist.ts). */
export const API_INTERNAL_NAME = "api.voiceassist.internal";
/** Host name the cloud provider gives the api-gateway Service's internal network load balancer. */
export const API_BALANCER_HOSTNAME = "internal-api-gateway-0123456789abcdef.elb.us-east-1.amazonaws.com";

/**
 * The site as components/compute/cloud-init.ts renders it for the host: port 80 only redirects,
 * 443 serves the load balancer with TLS 1.3 and a key made at boot, and / is proxied to the API
 * gateway's internal load balancer over TLS 1.3, verifying its certificate for the domain.
 */
export const NGINX_SITE = `limit_req_zone $binary_remote_addr zone=voiceassist_api:10m rate=20r/s;

map $http_upgrade $connection_upgrade {
    default upgrade;
    '' close;
}

server {
    listen 80;
    server_name ${DOMAIN};
    server_tokens off;
    return 301 https://$host$request_uri;
}

server {
    listen 443 ssl;
    server_name ${DOMAIN};
    server_tokens off;

    ssl_certificate /etc/nginx/tls/voiceassist.crt;
    ssl_certificate_key /etc/nginx/tls/voiceassist.key;
    ssl_protocols TLSv1.3;
    ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305;
    ssl_prefer_server_ciphers off;
    ssl_session_cache shared:voiceassist_tls:10m;
    ssl_session_timeout 1d;
    ssl_session_tickets off;

    set_real_ip_from ${VPC_CIDR};
    real_ip_header X-Forwarded-For;
    real_ip_recursive on;

    client_max_body_size 25m;

    access_log /var/log/nginx/voiceassist.access.log;
    error_log /var/log/nginx/voiceassist.error.log warn;

    add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;
    add_header Content-Security-Policy "default-src 'self'" always;
    add_header X-Content-Type-Options nosniff always;
    add_header X-Frame-Options DENY always;
    add_header Referrer-Policy strict-origin-when-cross-origin always;

    location /metrics {
        deny all;
        return 404;
    }

    location / {
        limit_req zone=voiceassist_api burst=40 nodelay;
        proxy_pass https://${API_INTERNAL_NAME};
        proxy_ssl_server_name on;
        proxy_ssl_name ${DOMAIN};
        proxy_ssl_verify on;
        proxy_ssl_verify_depth 2;
        proxy_ssl_trusted_certificate /etc/ssl/certs/ca-certificates.crt;
        proxy_ssl_protocols TLSv1.3;
        proxy_http_version 1.1;
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection $connection_upgrade;
        proxy_set_header Host $host;
        proxy_set_header X-Real-IP $remote_addr;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto https;
        proxy_read_timeout 3600s;
    }
}
`;

/** The host's CloudWatch agent as the kit writes it: memory and disk metrics, audit.log and nginx logs to their log groups. */
export const AGENT_CONFIG = {
    agent: { metrics_collection_interval: 60, run_as_user: "root" },
    metrics: {
        namespace: "CWAgent",
        append_dimensions: { InstanceId: "${aws:InstanceId}" },
        aggregation_dimensions: [["InstanceId", "path"], ["InstanceId"]],
        metrics_collected: { mem: { measurement: ["mem_used_percent"] }, disk: { measurement: ["used_percent"], resources: ["/", "/var/lib/docker"] } },
    },
    logs: {
        logs_collected: {
            files: {
                collect_list: [
                    { file_path: "/var/log/audit/audit.log", log_group_name: "/voiceassist/audit" },
                    { file_path: "/var/log/nginx/voiceassist.access.log", log_group_name: "/voiceassist/nginx" },
                    { file_path: "/var/log/nginx/voiceassist.error.log", log_group_name: "/voiceassist/nginx" },
                ],
            },
        },
    },
};

export const AUDIT_RULES = `-w /etc/passwd -p wa -k identity
-w /etc/group -p wa -k identity
-w /etc/sudoers -p wa -k privilege
-w /var/log/auth.log -p wa -k auth
-a always,exit -F arch=b64 -S execve -F euid=0 -k root-commands
-e 2
`;

export const DAEMON_JSON = { "log-driver": "json-file", "log-opts": { "max-size": "10m", "max-file": "3" }, "live-restore": true };

const ALARM = (metricName: string, namespace: string, comparisonOperator: string, threshold: number, dimensions: Record<string, unknown> = {}, period = 60, evaluationPeriods = 3) => ({
    namespace,
    metricName,
    comparisonOperator,
    threshold,
    dimensions,
    period,
    evaluationPeriods,
    statistic: "Average",
    treatMissingData: "breaching",
    alarmActions: ["<topic arn>"],
    okActions: ["<topic arn>"],
});

export const ALERT_RULES = [
    { alert: "ApiLatencyP95High", expr: 'histogram_quantile(0.95, sum(rate(http_request_duration_seconds_bucket{job="api-gateway"}[5m])) by (le)) > 0.2', for: "5m", labels: { severity: "critical" } },
    { alert: "RedisCacheHitRateLow", expr: "sum(rate(redis_keyspace_hits_total[5m])) / (sum(rate(redis_keyspace_hits_total[5m])) + sum(rate(redis_keyspace_misses_total[5m]))) < 0.8", for: "15m", labels: { severity: "warning" } },
    { alert: "RedisDown", expr: "redis_up < 1", for: "1m", labels: { severity: "critical" } },
    { alert: "QdrantDown", expr: 'up{job="qdrant"} < 1', for: "1m", labels: { severity: "critical" } },
    { alert: "PostgresReplicationLagHigh", expr: "pg_replication_lag_seconds > 1", for: "1m", labels: { severity: "critical" } },
];

export const ALERTMANAGER_CONFIG = {
    global: { smtp_smarthost: "email-smtp.us-east-1.amazonaws.com:587", smtp_from: "alerts@example.com", smtp_auth_username: "AKIAEXAMPLE", smtp_auth_password: "<smtp password>", smtp_require_tls: true, resolve_timeout: "5m" },
    route: {
        receiver: "email",
        group_by: ["alertname", "namespace"],
        routes: [
            { matchers: ['alertname="Watchdog"'], receiver: "heartbeat", repeat_interval: "1m" },
            { matchers: ['severity="critical"'], receiver: "pagerduty", continue: true },
            { matchers: ['severity=~"critical|warning"'], receiver: "slack", continue: true },
            { matchers: ['severity=~"critical|warning"'], receiver: "email" },
        ],
    },
    receivers: [
        { name: "pagerduty", pagerduty_configs: [{ routing_key: "<pagerduty routing key>", send_resolved: true }] },
        { name: "slack", slack_configs: [{ api_url: "https://hooks.slack.com/services/T000/B000/XXXX", channel: "#voiceassist-alerts", send_resolved: true }] },
        { name: "email", email_configs: [{ to: "ops@example.com", send_resolved: true }] },
        { name: "heartbeat", webhook_configs: [{ url: "https://heartbeat.example.com/ping/voiceassist" }] },
    ],
};

const DASHBOARDS = ["api-gateway", "worker", "postgresql", "redis", "qdrant", "kubernetes-cluster", "hipaa-audit"];

export const APP_CONFIG = {
    DOMAIN,
    ENVIRONMENT: "production",
    LOG_LEVEL: "INFO",
    POSTGRES_USER: "voiceassist",
    POSTGRES_DB: "voiceassist",
    DB_POOL_SIZE: "20",
    DB_MAX_OVERFLOW: "10",
    DB_POOL_TIMEOUT: "30",
    REDIS_HOST: "redis-master.data.svc.cluster.local",
    REDIS_PORT: "6379",
    REDIS_CACHE_TTL: "3600",
    REDIS_MAX_CONNECTIONS: "50",
    QDRANT_URL: "https://qdrant.data.svc.cluster.local:6333",
    SMTP_HOST: "email-smtp.us-east-1.amazonaws.com",
    SMTP_PORT: "587",
    SMTP_USER: "AKIAEXAMPLESMTPUSER",
    ACCESS_TOKEN_EXPIRE_MINUTES: "30",
    REFRESH_TOKEN_EXPIRE_DAYS: "7",
    OTEL_EXPORTER_OTLP_ENDPOINT: "http://otel-collector.monitoring.svc:4317",
    OTEL_SERVICE_NAME: "voiceassist",
};

export const APP_SECRETS = {
    POSTGRES_PASSWORD: GENERATED.db,
    DATABASE_URL: `postgresql+asyncpg://voiceassist:${GENERATED.db}@voiceassist-db-proxy.proxy-abc.us-east-1.rds.amazonaws.com:5432/voiceassist?ssl=require`,
    REDIS_PASSWORD: GENERATED.redis,
    REDIS_URL: `rediss://:${GENERATED.redis}@redis-master.data.svc.cluster.local:6379/0`,
    SECRET_KEY: GENERATED.secretKey,
    JWT_SECRET_KEY: GENERATED.jwtSecretKey,
    ENCRYPTION_KEY: GENERATED.encryptionKey,
    QDRANT_API_KEY: GENERATED.qdrant,
    OPENAI_API_KEY: "sk-proj-configured-from-pulumi-config-secret",
    SMTP_PASSWORD: "smtp-password-from-pulumi-config-secret",
};

/** The API gateway's own key and certificate (the ServiceCertificate's kubernetes.io/tls Secret), group-readable by the app's user. */
const API_TLS = {
    volumes: [{ name: "tls", secret: { secretName: "api-gateway-tls", defaultMode: 0o440 } }],
    volumeMounts: [{ name: "tls", mountPath: "/etc/voiceassist/tls", readOnly: true }],
    podSecurityContext: { fsGroup: 10001 },
};

function appDeployment(name: string, command: string[], probes: Record<string, unknown>, tls?: typeof API_TLS) {
    return {
        metadata: { name, namespace: "voiceassist", labels: LABELS({ "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": "voiceassist" }) },
        spec: {
            replicas: 2,
            selector: { matchLabels: { "app.kubernetes.io/name": name } },
            template: {
                metadata: { labels: { "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": "voiceassist" } },
                spec: {
                    restartPolicy: "Always",
                    ...(tls ? { securityContext: tls.podSecurityContext, volumes: tls.volumes } : {}),
                    containers: [
                        {
                            name,
                            image: `123456789012.dkr.ecr.us-east-1.amazonaws.com/voiceassist/${name}:1.4.0`,
                            command,
                            ports: name === "api-gateway" ? [{ name: "https", containerPort: 8000 }] : [{ name: "metrics", containerPort: 9100 }],
                            envFrom: [{ configMapRef: { name: "voiceassist-config" } }, { secretRef: { name: "voiceassist-secrets" } }],
                            resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "2", memory: "2Gi" } },
                            ...(tls ? { volumeMounts: tls.volumeMounts } : {}),
                            ...probes,
                        },
                    ],
                },
            },
        },
    };
}

/** The compliant environment. */
export function voiceassistEnvironment(): Environment {
    const env = new Environment();
    env.add("aws:kms/key:Key", "key", { enableKeyRotation: true, deletionWindowInDays: 30, tags: TAGS("key") }, {}, { protect: true });
    env.add("pulumi:providers:aws", "dr", { region: "us-west-2" });
    env.add("aws:kms/key:Key", "dr-key", { enableKeyRotation: true, tags: TAGS("dr-key") }, {}, { protect: true, provider: "dr" });

    // --- account baseline (shared, untagged) ---------------------------------------------------
    env.add("aws:s3/bucketV2:BucketV2", "audit-logs", { objectLockEnabled: true }, {}, { protect: true });
    env.add("aws:s3/bucketVersioningV2:BucketVersioningV2", "audit-logs-versioning", { bucket: "<bucket>", versioningConfiguration: { status: "Enabled" } }, { bucket: ["audit-logs"] });
    env.add("aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2", "audit-logs-lock", { bucket: "<bucket>", objectLockEnabled: "Enabled", rule: { defaultRetention: { mode: "COMPLIANCE", days: 2557 } } }, { bucket: ["audit-logs"] });
    env.add("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", "audit-logs-encryption", { bucket: "<bucket>", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "<key arn>" }, bucketKeyEnabled: true }] }, { bucket: ["audit-logs"], rules: ["key"] });
    env.add("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "audit-logs-public-access", { bucket: "<bucket>", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, { bucket: ["audit-logs"] });
    env.add("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", "audit-logs-lifecycle", { bucket: "<bucket>", rules: [{ id: "glacier", status: "Enabled", transitions: [{ days: 90, storageClass: "GLACIER" }], expiration: { days: 2557 } }] }, { bucket: ["audit-logs"] });
    // The trail also delivers to a CloudWatch Logs group of the baseline (components/security/account-baseline.ts).
    env.add("aws:cloudwatch/logGroup:LogGroup", "trail-logs", { name: "/account/cloudtrail", retentionInDays: 2557, kmsKeyId: "<key arn>" }, { kmsKeyId: ["key"] }, { protect: true });
    env.add(
        "aws:cloudtrail/trail:Trail",
        "trail",
        { isMultiRegionTrail: true, enableLogFileValidation: true, includeGlobalServiceEvents: true, s3BucketName: "<bucket>", kmsKeyId: "<key arn>", cloudWatchLogsGroupArn: "<log group arn>:*", cloudWatchLogsRoleArn: "<role>", eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }] },
        { s3BucketName: ["audit-logs"], kmsKeyId: ["key"], cloudWatchLogsGroupArn: ["trail-logs"] },
    );
    env.add("aws:cfg/recorder:Recorder", "config-recorder", { roleArn: "<role>", recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } });
    env.add("aws:cfg/deliveryChannel:DeliveryChannel", "config-delivery", { s3BucketName: "<bucket>" }, { s3BucketName: ["audit-logs"] });
    env.add("aws:cfg/recorderStatus:RecorderStatus", "config-recorder-status", { name: "<recorder>", isEnabled: true }, { name: ["config-recorder"] });
    env.add("aws:guardduty/detector:Detector", "guardduty", { enable: true, findingPublishingFrequency: "FIFTEEN_MINUTES" });
    env.add("aws:inspector2/enabler:Enabler", "inspector", { accountIds: ["123456789012"], resourceTypes: ["EC2", "ECR"] });
    env.add("aws:cloudwatch/eventRule:EventRule", "guardduty-findings", { eventPattern: JSON.stringify({ source: ["aws.guardduty"], "detail-type": ["GuardDuty Finding"] }) });
    env.add("aws:cloudwatch/eventTarget:EventTarget", "guardduty-findings-to-alerts", { rule: "<rule>", arn: "<topic arn>" }, { rule: ["guardduty-findings"], arn: ["alerts"] });

    // --- network -------------------------------------------------------------------------------
    env.add("aws:ec2/securityGroup:SecurityGroup", "app-sg", { description: "VoiceAssist server", tags: TAGS("app-sg") });
    env.add("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "app-https-from-alb", { ipProtocol: "tcp", fromPort: 443, toPort: 443, referencedSecurityGroupId: "<alb sg id>", description: "nginx (HTTPS) from the load balancer" }, { securityGroupId: ["app-sg"], referencedSecurityGroupId: ["alb-sg"] });
    env.add("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "app-ssh", { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: ADMIN_CIDR, description: "SSH from the admin network" }, { securityGroupId: ["app-sg"] });
    env.add("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "app-egress", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }, { securityGroupId: ["app-sg"] });
    env.add("aws:ec2/securityGroup:SecurityGroup", "alb-sg", { description: "Load balancer", tags: TAGS("alb-sg") });
    env.add("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "alb-https", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0", description: "HTTPS" }, { securityGroupId: ["alb-sg"] });
    env.add("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "alb-http", { ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: "0.0.0.0/0", description: "HTTP redirect" }, { securityGroupId: ["alb-sg"] });
    env.add("aws:ec2/securityGroup:SecurityGroup", "eks-nodes-sg", { description: "EKS nodes", tags: TAGS("eks-nodes-sg") });
    env.add("aws:ec2/securityGroup:SecurityGroup", "db-sg", { description: "VoiceAssist database", tags: TAGS("db-sg") });
    env.add("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "db-from-eks", { ipProtocol: "tcp", fromPort: 5432, toPort: 5432, referencedSecurityGroupId: "<eks sg id>" }, { securityGroupId: ["db-sg"], referencedSecurityGroupId: ["eks-nodes-sg"] });

    // --- server --------------------------------------------------------------------------------
    env.add(
        "aws:ec2/launchTemplate:LaunchTemplate",
        "app-lt",
        {
            imageId: "resolve:ssm:/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id",
            userData: USER_DATA,
            keyName: "voiceassist-admin",
            metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
            blockDeviceMappings: [{ deviceName: "/dev/sda1", ebs: { volumeSize: 100, volumeType: "gp3", encrypted: "true", kmsKeyId: "<key arn>", deleteOnTermination: "true" } }],
            tags: TAGS("app-lt"),
        },
        { blockDeviceMappings: ["key"] },
    );
    env.add(
        "aws:ec2/instance:Instance",
        "app",
        {
            launchTemplate: { id: "<lt id>", version: "$Latest" },
            instanceType: "m7a.2xlarge",
            subnetId: "subnet-private-a",
            vpcSecurityGroupIds: ["<app sg id>"],
            iamInstanceProfile: "voiceassist-app",
            maintenanceOptions: { autoRecovery: "default" },
            disableApiTermination: true,
            tags: TAGS("app", { "readiness:role": "app" }),
        },
        { launchTemplate: ["app-lt"], vpcSecurityGroupIds: ["app-sg"] },
    );
    env.add("aws:ebs/volume:Volume", "app-data", { availabilityZone: "us-east-1a", size: 500, type: "gp3", encrypted: true, kmsKeyId: "<key arn>", tags: TAGS("app-data", { "readiness:purpose": "data" }) }, { kmsKeyId: ["key"] }, { protect: true });
    env.add("aws:ec2/volumeAttachment:VolumeAttachment", "app-data-attachment", { deviceName: "/dev/sdf" }, { instanceId: ["app"], volumeId: ["app-data"] });
    env.add("aws:ec2/eip:Eip", "app-ip", { domain: "vpc", tags: TAGS("app-ip") });
    env.add("aws:ec2/eipAssociation:EipAssociation", "app-ip-association", { allocationId: "<allocation>", instanceId: "<instance id>" }, { allocationId: ["app-ip"], instanceId: ["app"] });
    // The log groups the host's CloudWatch agent writes audit.log and nginx's logs to.
    env.add("aws:cloudwatch/logGroup:LogGroup", "app-audit-logs", { name: "/voiceassist/audit", retentionInDays: 2557, kmsKeyId: "<key arn>", tags: TAGS("app-audit-logs") }, { kmsKeyId: ["key"] }, { protect: true });
    env.add("aws:cloudwatch/logGroup:LogGroup", "app-nginx-logs", { name: "/voiceassist/nginx", retentionInDays: 2557, kmsKeyId: "<key arn>", tags: TAGS("app-nginx-logs") }, { kmsKeyId: ["key"] }, { protect: true });

    // --- DNS and certificate -------------------------------------------------------------------
    env.add("aws:route53/zone:Zone", "zone", { name: "example.com" });
    env.add("aws:route53/record:Record", "domain", { zoneId: "<zone>", name: DOMAIN, type: "A", aliases: [{ name: "<alb dns>", zoneId: "<alb zone>", evaluateTargetHealth: true }] }, { zoneId: ["zone"], aliases: ["alb"] });
    env.add("aws:acm/certificate:Certificate", "cert", { domainName: DOMAIN, validationMethod: "DNS", keyAlgorithm: "EC_prime256v1", tags: TAGS("cert") });
    env.add("aws:route53/record:Record", "cert-validation-record", { zoneId: "<zone>", name: "<validation name>", type: "CNAME", ttl: 300, records: ["<validation value>"] }, { zoneId: ["zone"], name: ["cert"], records: ["cert"] });
    env.add("aws:acm/certificateValidation:CertificateValidation", "cert-validation", { certificateArn: "<cert arn>", validationRecordFqdns: ["<fqdn>"] }, { certificateArn: ["cert"], validationRecordFqdns: ["cert-validation-record"] });
    // The API gateway's internal load balancer under a stable name, resolvable inside the VPC only.
    env.add("aws:route53/zone:Zone", "internal-zone", { name: "voiceassist.internal", comment: "VoiceAssist names inside the VPC", vpcs: [{ vpcId: "vpc-0123456789abcdef0" }], tags: { "readiness:blueprint": "voiceassist" } });
    env.add("aws:route53/record:Record", "api-internal", { zoneId: "<internal zone>", name: API_INTERNAL_NAME, type: "CNAME", ttl: 60, records: [API_BALANCER_HOSTNAME] }, { zoneId: ["internal-zone"], records: ["api-gateway-service"] });

    // --- edge ----------------------------------------------------------------------------------
    env.add("aws:s3/bucketV2:BucketV2", "alb-logs", { tags: TAGS("alb-logs") }, {}, { protect: true });
    env.add("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", "alb-logs-encryption", { bucket: "<bucket>", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }, { bucket: ["alb-logs"] });
    env.add("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "alb-logs-public-access", { bucket: "<bucket>", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, { bucket: ["alb-logs"] });
    env.add("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", "alb-logs-lifecycle", { bucket: "<bucket>", rules: [{ id: "expire", status: "Enabled", expiration: { days: 2557 } }] }, { bucket: ["alb-logs"] });
    env.add("aws:lb/loadBalancer:LoadBalancer", "alb", { loadBalancerType: "application", internal: false, securityGroups: ["<alb sg id>"], dropInvalidHeaderFields: true, idleTimeout: 120, accessLogs: { bucket: "<bucket>", enabled: true, prefix: "alb" }, tags: TAGS("alb") }, { securityGroups: ["alb-sg"], accessLogs: ["alb-logs"] });
    // The load balancer reaches nginx over HTTPS on 443 and health-checks it the same way (components/edge/web-edge.ts).
    env.add("aws:lb/targetGroup:TargetGroup", "app-web", {
        port: 443,
        protocol: "HTTPS",
        targetType: "instance",
        healthCheck: { path: "/health", matcher: "200", interval: 15, protocol: "HTTPS", port: "traffic-port", healthyThreshold: 2, unhealthyThreshold: 3 },
        tags: TAGS("app-web"),
    });
    env.add("aws:lb/targetGroupAttachment:TargetGroupAttachment", "app-web-attachment", { targetGroupArn: "<tg arn>", targetId: "<instance id>", port: 443 }, { targetGroupArn: ["app-web"], targetId: ["app"] });
    env.add(
        "aws:lb/listener:Listener",
        "https",
        {
            loadBalancerArn: "<alb arn>",
            port: 443,
            protocol: "HTTPS",
            sslPolicy: "ELBSecurityPolicy-TLS13-1-3-2021-06",
            certificateArn: "<cert arn>",
            defaultActions: [{ type: "forward", targetGroupArn: "<tg arn>" }],
            routingHttpResponseStrictTransportSecurityHeaderValue: "max-age=31536000; includeSubDomains",
        },
        { loadBalancerArn: ["alb"], certificateArn: ["cert-validation"], defaultActions: ["app-web"] },
    );
    env.add("aws:lb/listener:Listener", "http", { loadBalancerArn: "<alb arn>", port: 80, protocol: "HTTP", defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }] }, { loadBalancerArn: ["alb"] });
    env.add("aws:wafv2/webAcl:WebAcl", "waf", {
        scope: "REGIONAL",
        defaultAction: { allow: {} },
        rules: [
            { name: "rate-limit", priority: 1, action: { block: {} }, statement: { rateBasedStatement: { limit: 1000, aggregateKeyType: "IP" } }, visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "rate-limit", sampledRequestsEnabled: true } },
            { name: "ip-reputation", priority: 2, overrideAction: { none: {} }, statement: { managedRuleGroupStatement: { name: "AWSManagedRulesAmazonIpReputationList", vendorName: "AWS" } }, visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "ip-reputation", sampledRequestsEnabled: true } },
            { name: "common", priority: 3, overrideAction: { none: {} }, statement: { managedRuleGroupStatement: { name: "AWSManagedRulesCommonRuleSet", vendorName: "AWS" } }, visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "common", sampledRequestsEnabled: true } },
        ],
        visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "waf", sampledRequestsEnabled: true },
    });
    env.add("aws:wafv2/webAclAssociation:WebAclAssociation", "waf-association", { resourceArn: "<alb arn>", webAclArn: "<waf arn>" }, { resourceArn: ["alb"], webAclArn: ["waf"] });

    // --- container registry ----------------------------------------------------------------------
    for (const name of ["api-gateway", "worker"]) {
        env.add("aws:ecr/repository:Repository", `ecr-${name}`, { name: `voiceassist/${name}`, imageTagMutability: "IMMUTABLE", imageScanningConfiguration: { scanOnPush: true }, encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: "<key arn>" }], tags: TAGS(`ecr-${name}`) }, { encryptionConfigurations: ["key"] });
    }

    // --- EKS -----------------------------------------------------------------------------------
    env.add("aws:cloudwatch/logGroup:LogGroup", "eks-logs", { name: "/aws/eks/voiceassist/cluster", retentionInDays: 2557, kmsKeyId: "<key arn>", tags: TAGS("eks-logs") }, { kmsKeyId: ["key"] }, { protect: true });
    env.add(
        "aws:eks/cluster:Cluster",
        "eks",
        {
            name: "voiceassist",
            version: "1.31",
            roleArn: "<role>",
            vpcConfig: { subnetIds: ["subnet-private-a", "subnet-private-b"], endpointPrivateAccess: true, endpointPublicAccess: false, securityGroupIds: ["<eks sg id>"] },
            encryptionConfig: { provider: { keyArn: "<key arn>" }, resources: ["secrets"] },
            enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
            accessConfig: { authenticationMode: "API" },
            tags: TAGS("eks"),
        },
        { encryptionConfig: ["key"], vpcConfig: ["eks-nodes-sg"] },
    );
    env.add("aws:eks/nodeGroup:NodeGroup", "eks-nodes", { clusterName: "voiceassist", instanceTypes: ["m7a.2xlarge"], amiType: "AL2023_x86_64_STANDARD", scalingConfig: { desiredSize: 3, minSize: 3, maxSize: 6 }, tags: TAGS("eks-nodes") }, { clusterName: ["eks"] });
    env.add("aws:eks/addon:Addon", "vpc-cni", { clusterName: "voiceassist", addonName: "vpc-cni", configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }) }, { clusterName: ["eks"] });
    env.add("aws:eks/accessEntry:AccessEntry", "eks-admins", { clusterName: "voiceassist", principalArn: "arn:aws:iam::123456789012:role/voiceassist-admins", type: "STANDARD" }, { clusterName: ["eks"] });
    env.add("aws:eks/accessPolicyAssociation:AccessPolicyAssociation", "eks-admins-policy", { clusterName: "voiceassist", principalArn: "arn:aws:iam::123456789012:role/voiceassist-admins", policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", accessScope: { type: "cluster" } }, { clusterName: ["eks"], principalArn: ["eks-admins"] });
    env.add("aws:eks/accessEntry:AccessEntry", "eks-developers", { clusterName: "voiceassist", principalArn: "arn:aws:iam::123456789012:role/voiceassist-developers", type: "STANDARD" }, { clusterName: ["eks"] });
    env.add("aws:eks/accessPolicyAssociation:AccessPolicyAssociation", "eks-developers-policy", { clusterName: "voiceassist", principalArn: "arn:aws:iam::123456789012:role/voiceassist-developers", policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy", accessScope: { type: "namespace", namespaces: ["voiceassist"] } }, { clusterName: ["eks"], principalArn: ["eks-developers"] });
    env.add("pulumi:providers:kubernetes", "k8s", { kubeconfig: secret("<kubeconfig>") }, { kubeconfig: ["eks"] });
    const k8s = (type: string, name: string, props: Record<string, unknown>, deps: Record<string, string[]> = {}, protect = false) => env.add(type, name, props, deps, { provider: "k8s", protect });

    k8s("kubernetes:storage.k8s.io/v1:StorageClass", "gp3-encrypted", {
        metadata: { name: "gp3-encrypted", labels: LABELS(), annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
        provisioner: "ebs.csi.aws.com",
        parameters: { type: "gp3", encrypted: "true", kmsKeyId: "<key arn>", tagSpecification_1: "readiness:backup=daily" },
        reclaimPolicy: "Retain",
        allowVolumeExpansion: true,
        volumeBindingMode: "WaitForFirstConsumer",
    }, { parameters: ["key"] });
    for (const namespace of ["voiceassist", "data", "monitoring", "external-secrets"]) {
        k8s("kubernetes:core/v1:Namespace", `ns-${namespace}`, { metadata: { name: namespace, labels: LABELS({ "kubernetes.io/metadata.name": namespace }) } });
        k8s("kubernetes:networking.k8s.io/v1:NetworkPolicy", `${namespace}-default-deny`, { metadata: { name: "default-deny", namespace, labels: LABELS() }, spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } });
    }
    const dns = { to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } } }], ports: [{ port: 53, protocol: "UDP" }, { port: 53, protocol: "TCP" }] };
    const appEgress = [
        dns,
        { to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "data" } }, podSelector: { matchLabels: { "app.kubernetes.io/name": "redis" } } }], ports: [{ port: 6379, protocol: "TCP" }] },
        { to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "data" } }, podSelector: { matchLabels: { "app.kubernetes.io/name": "qdrant" } } }], ports: [{ port: 6333, protocol: "TCP" }] },
        { to: [{ ipBlock: { cidr: "10.0.0.0/16" } }], ports: [{ port: 5432, protocol: "TCP" }] },
        { to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }], ports: [{ port: 4317, protocol: "TCP" }] },
        { to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8"] } }], ports: [{ port: 443, protocol: "TCP" }] },
    ];
    k8s("kubernetes:networking.k8s.io/v1:NetworkPolicy", "api-gateway-policy", {
        metadata: { name: "api-gateway", namespace: "voiceassist", labels: LABELS() },
        spec: {
            podSelector: { matchLabels: { "app.kubernetes.io/name": "api-gateway" } },
            policyTypes: ["Ingress", "Egress"],
            ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/16" } }], ports: [{ port: 8000, protocol: "TCP" }] }, { from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }], ports: [{ port: 8000, protocol: "TCP" }] }],
            egress: appEgress,
        },
    });
    k8s("kubernetes:networking.k8s.io/v1:NetworkPolicy", "worker-policy", {
        metadata: { name: "worker", namespace: "voiceassist", labels: LABELS() },
        spec: { podSelector: { matchLabels: { "app.kubernetes.io/name": "worker" } }, policyTypes: ["Ingress", "Egress"], ingress: [], egress: appEgress },
    });
    for (const [name, port] of [["redis", 6379], ["qdrant", 6333]] as const) {
        k8s("kubernetes:networking.k8s.io/v1:NetworkPolicy", `${name}-policy`, {
            metadata: { name, namespace: "data", labels: LABELS() },
            spec: { podSelector: { matchLabels: { "app.kubernetes.io/name": name } }, policyTypes: ["Ingress"], ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "voiceassist" } } }, { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }], ports: [{ port, protocol: "TCP" }] }] },
        });
    }

    // External Secrets copies the secrets people hold into the cluster (components/kubernetes/secret-sync.ts).
    k8s("kubernetes:helm.sh/v3:Release", "external-secrets", {
        name: "external-secrets",
        chart: "external-secrets",
        repositoryOpts: { repo: "https://charts.external-secrets.io" },
        version: "0.10.4",
        namespace: "external-secrets",
        values: {
            installCRDs: true,
            commonLabels: LABELS(),
            serviceAccount: { name: "external-secrets", annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/voiceassist-external-secrets" } },
            resources: RESOURCES("50m", "128Mi", "500m", "512Mi"),
            webhook: { port: 10250, resources: RESOURCES("20m", "64Mi", "200m", "256Mi") },
            certController: { resources: RESOURCES("20m", "64Mi", "200m", "256Mi") },
        },
    });

    // --- generated secrets ---------------------------------------------------------------------
    env.add("random:index/randomPassword:RandomPassword", "db-password", { length: 32, special: false, result: secret(GENERATED.db) });
    env.add("random:index/randomPassword:RandomPassword", "redis-password", { length: 32, special: false, result: secret(GENERATED.redis) });
    env.add("random:index/randomPassword:RandomPassword", "secret-key", { length: 64, special: false, result: secret(GENERATED.secretKey) });
    env.add("random:index/randomPassword:RandomPassword", "jwt-secret-key", { length: 64, special: false, result: secret(GENERATED.jwtSecretKey) });
    env.add("random:index/randomBytes:RandomBytes", "encryption-key", { length: 32, base64: secret(GENERATED.encryptionKey), hex: secret("<hex>") });
    env.add("random:index/randomPassword:RandomPassword", "qdrant-api-key", { length: 48, special: false, result: secret(GENERATED.qdrant) });
    env.add("random:index/randomPassword:RandomPassword", "grafana-admin-password", { length: 32, special: false, result: secret(GENERATED.grafana) });
    const generators = ["db-password", "redis-password", "secret-key", "jwt-secret-key", "encryption-key", "qdrant-api-key"];
    env.add("aws:secretsmanager/secret:Secret", "app-secrets", { name: "voiceassist/app", kmsKeyId: "<key arn>", recoveryWindowInDays: 30, tags: TAGS("app-secrets") }, { kmsKeyId: ["key"] });
    env.add("aws:secretsmanager/secretVersion:SecretVersion", "app-secrets-version", { secretId: "<secret id>", secretString: secret(JSON.stringify(APP_SECRETS)) }, { secretId: ["app-secrets"], secretString: [...generators, "db-proxy"] });

    // --- application ---------------------------------------------------------------------------
    k8s("kubernetes:core/v1:ConfigMap", "app-config", { metadata: { name: "voiceassist-config", namespace: "voiceassist", labels: LABELS() }, data: APP_CONFIG });
    k8s("kubernetes:core/v1:Secret", "app-secret", { metadata: { name: "voiceassist-secrets", namespace: "voiceassist", labels: LABELS() }, type: "Opaque", stringData: secret(APP_SECRETS) }, { stringData: [...generators, "db-proxy"] });
    // The API gateway serves TLS itself (stacks/voiceassist-workloads.ts), so the load balancer's traffic crosses the nodes encrypted.
    const httpProbe = (path: string) => ({ httpGet: { path, port: 8000, scheme: "HTTPS" }, periodSeconds: 10, failureThreshold: 3 });
    k8s(
        "kubernetes:apps/v1:Deployment",
        "api-gateway",
        appDeployment(
            "api-gateway",
            ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000", "--ssl-keyfile", "/etc/voiceassist/tls/tls.key", "--ssl-certfile", "/etc/voiceassist/tls/tls.crt"],
            { readinessProbe: httpProbe("/health"), livenessProbe: httpProbe("/health") },
            API_TLS,
        ),
    );
    const workerProbe = { exec: { command: ["celery", "-A", "app.worker", "inspect", "ping"] }, periodSeconds: 30 };
    k8s("kubernetes:apps/v1:Deployment", "worker", appDeployment("worker", ["celery", "-A", "app.worker", "worker"], { readinessProbe: workerProbe, livenessProbe: workerProbe }));
    // An internal network load balancer from Kubernetes' AWS cloud provider (in-tree annotations): TLS 1.3 only on 443 with the
    // domain's ACM certificate, re-encrypting to the pods; only the VPC (the host's nginx) may connect.
    k8s(
        "kubernetes:core/v1:Service",
        "api-gateway-service",
        {
            metadata: {
                name: "api-gateway",
                namespace: "voiceassist",
                labels: LABELS({ "app.kubernetes.io/name": "api-gateway" }),
                annotations: {
                    "service.beta.kubernetes.io/aws-load-balancer-type": "nlb",
                    "service.beta.kubernetes.io/aws-load-balancer-internal": "true",
                    "service.beta.kubernetes.io/aws-load-balancer-ssl-cert": "<cert arn>",
                    "service.beta.kubernetes.io/aws-load-balancer-ssl-ports": "443",
                    "service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy": "ELBSecurityPolicy-TLS13-1-3-2021-06",
                    "service.beta.kubernetes.io/aws-load-balancer-backend-protocol": "ssl",
                    "service.beta.kubernetes.io/aws-load-balancer-healthcheck-protocol": "HTTPS",
                    "service.beta.kubernetes.io/aws-load-balancer-healthcheck-path": "/health",
                    "pulumi.com/waitFor": "jsonpath={.status.loadBalancer.ingress[0].hostname}",
                },
            },
            spec: { type: "LoadBalancer", selector: { "app.kubernetes.io/name": "api-gateway" }, ports: [{ name: "https", port: 443, targetPort: 8000, protocol: "TCP" }], loadBalancerSourceRanges: [VPC_CIDR] },
        },
        { metadata: ["cert-validation"] },
    );
    k8s("kubernetes:monitoring.coreos.com/v1:ServiceMonitor", "api-gateway-monitor", {
        metadata: { name: "api-gateway", namespace: "voiceassist", labels: LABELS() },
        spec: {
            selector: { matchLabels: { "app.kubernetes.io/name": "api-gateway" } },
            endpoints: [{ port: "https", scheme: "https", path: "/metrics", interval: "30s", tlsConfig: { ca: { secret: { name: "api-gateway-tls", key: "ca.crt" } }, serverName: "api-gateway.voiceassist.svc" } }],
        },
    });
    k8s("kubernetes:monitoring.coreos.com/v1:PodMonitor", "worker-monitor", {
        metadata: { name: "worker", namespace: "voiceassist", labels: LABELS() },
        spec: { selector: { matchLabels: { "app.kubernetes.io/name": "worker" } }, podMetricsEndpoints: [{ port: "metrics", path: "/metrics", interval: "30s" }] },
    });
    k8s("kubernetes:batch/v1:Job", "db-migrate", {
        metadata: { name: "db-migrate", namespace: "voiceassist", labels: LABELS() },
        spec: {
            backoffLimit: 2,
            template: {
                metadata: { labels: { "app.kubernetes.io/name": "db-migrate", "app.kubernetes.io/part-of": "voiceassist" } },
                spec: {
                    restartPolicy: "Never",
                    containers: [{ name: "migrate", image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/voiceassist/api-gateway:1.4.0", command: ["alembic", "upgrade", "head"], envFrom: [{ secretRef: { name: "voiceassist-secrets" } }], resources: { limits: { cpu: "500m", memory: "512Mi" } } }],
                },
            },
        },
    });

    // --- data stores on Kubernetes -------------------------------------------------------------
    k8s("kubernetes:core/v1:Secret", "redis-auth", { metadata: { name: "redis-auth", namespace: "data", labels: LABELS() }, type: "Opaque", stringData: secret({ "redis-password": GENERATED.redis }) }, { stringData: ["redis-password"] });
    k8s(
        "kubernetes:helm.sh/v3:Release",
        "redis",
        {
            name: "redis",
            chart: "oci://registry-1.docker.io/bitnamicharts/redis",
            version: "20.6.2",
            namespace: "data",
            values: {
                architecture: "replication",
                auth: { enabled: true, existingSecret: "redis-auth", existingSecretPasswordKey: "redis-password" },
                tls: { enabled: true, autoGenerated: true, authClients: false },
                commonConfiguration: 'appendonly yes\nappendfsync everysec\nsave 900 1\nsave 300 10\nsave 60 10000\nmaxmemory 2gb\nmaxmemory-policy allkeys-lru\ntls-protocols "TLSv1.3"',
                master: { persistence: { enabled: true, storageClass: "gp3-encrypted", size: "20Gi" }, resources: { requests: { cpu: "500m", memory: "2560Mi" }, limits: { cpu: "1", memory: "3Gi" } } },
                replica: { replicaCount: 2, persistence: { enabled: true, storageClass: "gp3-encrypted", size: "20Gi" }, resources: { requests: { cpu: "250m", memory: "2560Mi" }, limits: { cpu: "1", memory: "3Gi" } } },
                metrics: { enabled: true, serviceMonitor: { enabled: true }, resources: RESOURCES("50m", "64Mi", "250m", "256Mi") },
                networkPolicy: { enabled: false },
            },
        },
        {},
        true,
    );
    k8s(
        "kubernetes:helm.sh/v3:Release",
        "qdrant",
        {
            name: "qdrant",
            chart: "qdrant",
            repositoryOpts: { repo: "https://qdrant.github.io/qdrant-helm" },
            version: "1.13.4",
            namespace: "data",
            values: {
                apiKey: GENERATED.qdrant,
                replicaCount: 1,
                persistence: { size: "50Gi", storageClassName: "gp3-encrypted" },
                snapshotPersistence: { enabled: true, size: "50Gi", storageClassName: "gp3-encrypted" },
                config: { service: { enable_tls: true }, tls: { cert: "/qdrant/tls/tls.crt", key: "/qdrant/tls/tls.key" } },
                resources: { requests: { cpu: "500m", memory: "2Gi" }, limits: { cpu: "2", memory: "4Gi" } },
                // No ensure-dir-ownership init container (it has no resources): the volume's group comes from fsGroup.
                updateVolumeFsOwnership: false,
                podSecurityContext: { fsGroup: 3000, fsGroupChangePolicy: "OnRootMismatch" },
                // The chart's ServiceMonitor scrapes plain HTTP; the kit's own scrapes over https.
                metrics: { serviceMonitor: { enabled: false } },
            },
        },
        { values: ["qdrant-api-key"] },
        true,
    );
    k8s("kubernetes:monitoring.coreos.com/v1:ServiceMonitor", "qdrant-metrics", {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "ServiceMonitor",
        metadata: { name: "qdrant", namespace: "data", labels: LABELS() },
        spec: {
            jobLabel: "app",
            selector: { matchLabels: { "app.kubernetes.io/name": "qdrant", "app.kubernetes.io/instance": "qdrant", "app.kubernetes.io/component": "cluster-discovery" } },
            endpoints: [{ port: "http", path: "/metrics", scheme: "https", interval: "30s", tlsConfig: { ca: { secret: { name: "qdrant-tls", key: "ca.crt" } }, serverName: "qdrant.data.svc" }, authorization: { type: "Bearer", credentials: { name: "qdrant-api-key", key: "api-key" } } }],
        },
    });

    // --- observability -------------------------------------------------------------------------
    k8s("kubernetes:core/v1:Secret", "grafana-smtp", { metadata: { name: "grafana-smtp", namespace: "monitoring", labels: LABELS() }, stringData: secret({ user: "AKIAEXAMPLESMTPUSER", password: "smtp-password-from-pulumi-config-secret" }) });
    k8s(
        "kubernetes:helm.sh/v3:Release",
        "monitoring",
        {
            name: "monitoring",
            chart: "kube-prometheus-stack",
            repositoryOpts: { repo: "https://prometheus-community.github.io/helm-charts" },
            version: "65.1.1",
            namespace: "monitoring",
            values: {
                prometheus: {
                    prometheusSpec: {
                        retention: "30d",
                        serviceMonitorSelectorNilUsesHelmValues: false,
                        podMonitorSelectorNilUsesHelmValues: false,
                        ruleSelectorNilUsesHelmValues: false,
                        storageSpec: { volumeClaimTemplate: { spec: { storageClassName: "gp3-encrypted", resources: { requests: { storage: "100Gi" } } } } },
                        resources: { requests: { cpu: "1", memory: "4Gi" }, limits: { cpu: "2", memory: "8Gi" } },
                    },
                },
                alertmanager: {
                    config: ALERTMANAGER_CONFIG,
                    alertmanagerSpec: { storage: { volumeClaimTemplate: { spec: { storageClassName: "gp3-encrypted", resources: { requests: { storage: "10Gi" } } } } }, resources: RESOURCES("100m", "256Mi", "500m", "512Mi") },
                },
                prometheusOperator: {
                    resources: RESOURCES("100m", "128Mi", "500m", "512Mi"),
                    prometheusConfigReloader: { resources: RESOURCES("10m", "32Mi", "200m", "128Mi") },
                    admissionWebhooks: { patch: { resources: RESOURCES("10m", "32Mi", "100m", "128Mi") } },
                },
                "kube-state-metrics": { resources: RESOURCES("50m", "128Mi", "500m", "512Mi") },
                "prometheus-node-exporter": { resources: RESOURCES("50m", "64Mi", "250m", "256Mi") },
                grafana: {
                    adminPassword: GENERATED.grafana,
                    persistence: { enabled: true, storageClassName: "gp3-encrypted", size: "10Gi" },
                    resources: RESOURCES("100m", "256Mi", "1", "1Gi"),
                    sidecar: { resources: RESOURCES("50m", "64Mi", "200m", "256Mi") },
                    initChownData: { resources: RESOURCES("10m", "32Mi", "100m", "64Mi") },
                    downloadDashboards: { resources: RESOURCES("10m", "32Mi", "100m", "64Mi") },
                    "grafana.ini": { smtp: { enabled: true, host: "email-smtp.us-east-1.amazonaws.com:587", from_address: "grafana@example.com", startTLS_policy: "MandatoryStartTLS" } },
                    smtp: { existingSecret: "grafana-smtp", userKey: "user", passwordKey: "password" },
                    additionalDataSources: [{ name: "Loki", type: "loki", url: "http://loki-gateway.monitoring.svc", access: "proxy" }, { name: "Jaeger", type: "jaeger", url: "http://jaeger-query.monitoring.svc:16686" }],
                    dashboardProviders: { "dashboardproviders.yaml": { apiVersion: 1, providers: [{ name: "voiceassist", folder: "VoiceAssist", type: "file", options: { path: "/var/lib/grafana/dashboards/voiceassist" } }] } },
                    dashboards: { voiceassist: Object.fromEntries(DASHBOARDS.map((name) => [name, { json: JSON.stringify({ title: name, panels: [] }) }])) },
                },
                additionalPrometheusRulesMap: { voiceassist: { groups: [{ name: "voiceassist", rules: ALERT_RULES }] } },
            },
        },
        { values: ["grafana-admin-password"] },
        true,
    );
    env.add("aws:s3/bucketV2:BucketV2", "loki-chunks", { tags: TAGS("loki-chunks") }, {}, { protect: true });
    env.add("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", "loki-chunks-encryption", { bucket: "<bucket>", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "<key arn>" } }] }, { bucket: ["loki-chunks"], rules: ["key"] });
    env.add("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "loki-chunks-public-access", { bucket: "<bucket>", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, { bucket: ["loki-chunks"] });
    env.add("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", "loki-chunks-lifecycle", { bucket: "<bucket>", rules: [{ id: "expire", status: "Enabled", expiration: { days: 35 } }] }, { bucket: ["loki-chunks"] });
    k8s(
        "kubernetes:helm.sh/v3:Release",
        "loki",
        {
            name: "loki",
            chart: "loki",
            repositoryOpts: { repo: "https://grafana.github.io/helm-charts" },
            version: "6.16.0",
            namespace: "monitoring",
            values: {
                deploymentMode: "SingleBinary",
                loki: {
                    auth_enabled: false,
                    storage: { type: "s3", bucketNames: { chunks: "<loki bucket>", ruler: "<loki bucket>" }, s3: { region: "us-east-1" } },
                    limits_config: { retention_period: "744h" },
                    compactor: { retention_enabled: true, delete_request_store: "s3" },
                },
                singleBinary: { replicas: 1, persistence: { enabled: true, storageClass: "gp3-encrypted", size: "20Gi" }, resources: RESOURCES("500m", "1Gi", "2", "4Gi") },
                sidecar: { resources: RESOURCES("10m", "64Mi", "100m", "256Mi") },
                gateway: { resources: RESOURCES("50m", "64Mi", "500m", "256Mi") },
                lokiCanary: { resources: RESOURCES("10m", "32Mi", "100m", "128Mi") },
                chunksCache: { allocatedMemory: 2048, resources: RESOURCES("100m", "2458Mi", "1", "2458Mi") },
                resultsCache: { allocatedMemory: 1024, resources: RESOURCES("100m", "1229Mi", "500m", "1229Mi") },
                memcachedExporter: { resources: RESOURCES("10m", "32Mi", "100m", "64Mi") },
            },
        },
        { values: ["loki-chunks"] },
    );
    k8s("kubernetes:helm.sh/v3:Release", "promtail", { name: "promtail", chart: "promtail", repositoryOpts: { repo: "https://grafana.github.io/helm-charts" }, version: "6.16.6", namespace: "monitoring", values: { config: { clients: [{ url: "http://loki-gateway.monitoring.svc/loki/api/v1/push" }] }, resources: RESOURCES("50m", "128Mi", "500m", "512Mi") } });
    k8s("kubernetes:helm.sh/v3:Release", "jaeger", {
        name: "jaeger",
        chart: "jaeger",
        repositoryOpts: { repo: "https://jaegertracing.github.io/helm-charts" },
        version: "3.3.1",
        namespace: "monitoring",
        values: {
            provisionDataStore: { cassandra: false },
            allInOne: { enabled: true, resources: RESOURCES("250m", "512Mi", "1", "2Gi") },
            // All-in-one replaces the agent, collector and query deployments the chart runs by default.
            agent: { enabled: false },
            collector: { enabled: false },
            query: { enabled: false },
            storage: { type: "memory" },
        },
    });
    k8s("kubernetes:helm.sh/v3:Release", "otel-collector", {
        name: "otel-collector",
        chart: "opentelemetry-collector",
        repositoryOpts: { repo: "https://open-telemetry.github.io/opentelemetry-helm-charts" },
        version: "0.108.0",
        namespace: "monitoring",
        values: {
            mode: "deployment",
            resources: RESOURCES("100m", "256Mi", "1", "1Gi"),
            config: {
                receivers: { otlp: { protocols: { grpc: { endpoint: "0.0.0.0:4317" } } } },
                exporters: { "otlp/jaeger": { endpoint: "jaeger-collector.monitoring.svc:4317", tls: { insecure: true } } },
                service: { pipelines: { traces: { receivers: ["otlp"], processors: ["batch"], exporters: ["otlp/jaeger"] } } },
            },
        },
    });

    // --- database ------------------------------------------------------------------------------
    env.add("aws:rds/parameterGroup:ParameterGroup", "db-params", {
        family: "postgres16",
        parameters: [
            { name: "shared_buffers", value: "{DBInstanceClassMemory/32768}", applyMethod: "pending-reboot" },
            { name: "effective_cache_size", value: "{DBInstanceClassMemory*3/32768}" },
            { name: "max_connections", value: "200", applyMethod: "pending-reboot" },
            { name: "work_mem", value: "16384" },
            { name: "shared_preload_libraries", value: "pg_stat_statements,pgaudit", applyMethod: "pending-reboot" },
            { name: "log_min_duration_statement", value: "500" },
            { name: "pg_stat_statements.track", value: "all" },
            { name: "rds.force_ssl", value: "1" },
            { name: "ssl_min_protocol_version", value: "TLSv1.3" },
            { name: "pgaudit.log", value: "ddl,role,write" },
        ],
    });
    // The log groups RDS publishes the exported logs to, created before the instances (components/database/postgres-database.ts).
    const rdsLogGroup = (name: string, identifier: string, log: string) =>
        env.add("aws:cloudwatch/logGroup:LogGroup", name, { name: `/aws/rds/instance/${identifier}/${log}`, retentionInDays: 2557, kmsKeyId: "<key arn>", tags: TAGS(name) }, { kmsKeyId: ["key"] }, { protect: true });
    rdsLogGroup("db-postgresql-logs", "voiceassist-db", "postgresql");
    rdsLogGroup("db-upgrade-logs", "voiceassist-db", "upgrade");
    rdsLogGroup("db-replica-postgresql-logs", "voiceassist-db-replica", "postgresql");
    env.add(
        "aws:rds/instance:Instance",
        "db",
        {
            identifier: "voiceassist-db",
            engine: "postgres",
            engineVersion: "16.4",
            instanceClass: "db.r7g.xlarge",
            allocatedStorage: 200,
            maxAllocatedStorage: 1000,
            storageType: "gp3",
            storageEncrypted: true,
            kmsKeyId: "<key arn>",
            dbName: "voiceassist",
            username: "voiceassist_admin",
            manageMasterUserPassword: true,
            backupRetentionPeriod: 30,
            backupWindow: "02:00-02:30",
            maintenanceWindow: "sun:04:00-sun:05:00",
            multiAz: true,
            deletionProtection: true,
            skipFinalSnapshot: false,
            finalSnapshotIdentifier: "voiceassist-db-final",
            parameterGroupName: "<params>",
            performanceInsightsEnabled: true,
            performanceInsightsKmsKeyId: "<key arn>",
            enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
            publiclyAccessible: false,
            vpcSecurityGroupIds: ["<db sg id>"],
            tags: TAGS("db"),
        },
        { kmsKeyId: ["key"], parameterGroupName: ["db-params"], vpcSecurityGroupIds: ["db-sg"] },
        { protect: true },
    );
    env.add(
        "aws:rds/instance:Instance",
        "db-replica",
        {
            identifier: "voiceassist-db-replica",
            replicateSourceDb: "<db identifier>",
            instanceClass: "db.r7g.xlarge",
            storageEncrypted: true,
            kmsKeyId: "<key arn>",
            parameterGroupName: "<params>",
            deletionProtection: true,
            skipFinalSnapshot: false,
            finalSnapshotIdentifier: "voiceassist-db-replica-final",
            performanceInsightsEnabled: true,
            enabledCloudwatchLogsExports: ["postgresql"],
            publiclyAccessible: false,
            vpcSecurityGroupIds: ["<db sg id>"],
            tags: TAGS("db-replica"),
        },
        { replicateSourceDb: ["db"], kmsKeyId: ["key"], parameterGroupName: ["db-params"], vpcSecurityGroupIds: ["db-sg"] },
        { protect: true },
    );
    env.add("aws:rds/proxy:Proxy", "db-proxy", { name: "voiceassist-db-proxy", engineFamily: "POSTGRESQL", requireTls: true, auths: [{ authScheme: "SECRETS", iamAuth: "DISABLED", secretArn: "<secret>" }], vpcSecurityGroupIds: ["<db sg id>"] }, { vpcSecurityGroupIds: ["db-sg"] });
    env.add("aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup", "db-proxy-pool", { dbProxyName: "<proxy>", connectionPoolConfig: { maxConnectionsPercent: 90, maxIdleConnectionsPercent: 50, connectionBorrowTimeout: 30 } }, { dbProxyName: ["db-proxy"] });
    env.add("aws:rds/proxyTarget:ProxyTarget", "db-proxy-target", { dbProxyName: "<proxy>", targetGroupName: "default", dbInstanceIdentifier: "<db id>" }, { dbProxyName: ["db-proxy"], dbInstanceIdentifier: ["db"] });
    env.add("pulumi:providers:postgresql", "pg", { host: "<db address>", sslmode: "require" });
    env.add("postgresql:index/role:Role", "app-role", { name: "voiceassist", login: true, password: secret(GENERATED.db), superuser: false, createDatabase: false, createRole: false }, { password: ["db-password"] }, { provider: "pg" });
    env.add("postgresql:index/database:Database", "app-database", { name: "voiceassist", owner: "voiceassist_admin" }, {}, { provider: "pg" });
    env.add("postgresql:index/grant:Grant", "app-connect", { database: "voiceassist", role: "voiceassist", objectType: "database", privileges: ["CONNECT", "TEMPORARY"] }, { database: ["app-database"], role: ["app-role"] }, { provider: "pg" });
    env.add("postgresql:index/grant:Grant", "app-schema", { database: "voiceassist", role: "voiceassist", schema: "public", objectType: "schema", privileges: ["USAGE", "CREATE"] }, { database: ["app-database"], role: ["app-role"] }, { provider: "pg" });

    // --- backups -------------------------------------------------------------------------------
    env.add("aws:backup/vault:Vault", "vault", { name: "voiceassist", kmsKeyArn: "<key arn>", tags: TAGS("vault") }, { kmsKeyArn: ["key"] }, { protect: true });
    env.add("aws:backup/vaultLockConfiguration:VaultLockConfiguration", "vault-lock", { backupVaultName: "voiceassist", minRetentionDays: 30, maxRetentionDays: 365, changeableForDays: 3 }, { backupVaultName: ["vault"] });
    env.add("aws:backup/vault:Vault", "dr-vault", { name: "voiceassist-dr", kmsKeyArn: "<dr key arn>", tags: TAGS("dr-vault") }, { kmsKeyArn: ["dr-key"] }, { protect: true, provider: "dr" });
    env.add("aws:backup/vaultLockConfiguration:VaultLockConfiguration", "dr-vault-lock", { backupVaultName: "voiceassist-dr", minRetentionDays: 30, maxRetentionDays: 365, changeableForDays: 3 }, { backupVaultName: ["dr-vault"] }, { provider: "dr" });
    env.add("aws:backup/vaultNotifications:VaultNotifications", "vault-notifications", { backupVaultName: "voiceassist", snsTopicArn: "<topic arn>", backupVaultEvents: ["BACKUP_JOB_FAILED", "COPY_JOB_FAILED", "RESTORE_JOB_FAILED"] }, { backupVaultName: ["vault"], snsTopicArn: ["alerts"] });
    env.add(
        "aws:backup/plan:Plan",
        "backup-plan",
        {
            name: "voiceassist",
            rules: [{ ruleName: "daily", targetVaultName: "voiceassist", schedule: "cron(0 2 * * ? *)", scheduleExpressionTimezone: "UTC", enableContinuousBackup: true, lifecycle: { deleteAfter: 30 }, copyActions: [{ destinationVaultArn: "<dr vault arn>", lifecycle: { deleteAfter: 30 } }] }],
        },
        { rules: ["vault", "dr-vault"] },
    );
    env.add("aws:backup/selection:Selection", "backup-selection", { planId: "<plan id>", iamRoleArn: "<role>", resources: ["<db arn>", "<instance arn>", "<volume arn>"] }, { planId: ["backup-plan"], resources: ["db", "app", "app-data"] });
    env.add("aws:backup/selection:Selection", "backup-selection-volumes", { planId: "<plan id>", iamRoleArn: "<role>", selectionTags: [{ type: "STRINGEQUALS", key: "readiness:backup", value: "daily" }] }, { planId: ["backup-plan"] });
    env.add("aws:backup/restoreTestingPlan:RestoreTestingPlan", "restore-testing", {
        name: "voiceassist_restore_testing",
        scheduleExpression: "cron(0 5 ? * SUN *)",
        recoveryPointSelection: { algorithm: "LATEST_WITHIN_WINDOW", includeVaults: ["*"], recoveryPointTypes: ["SNAPSHOT", "CONTINUOUS"], selectionWindowDays: 7 },
    });
    for (const type of ["RDS", "EBS"]) {
        env.add("aws:backup/restoreTestingSelection:RestoreTestingSelection", `restore-testing-${type.toLowerCase()}`, { name: `voiceassist_${type.toLowerCase()}`, restoreTestingPlanName: "voiceassist_restore_testing", protectedResourceType: type, iamRoleArn: "<role>", protectedResourceArns: ["*"], validationWindowHours: 4 }, { restoreTestingPlanName: ["restore-testing"] });
    }

    // --- monitoring (CloudWatch) ---------------------------------------------------------------
    env.add("aws:sns/topic:Topic", "alerts", { kmsMasterKeyId: "<key>", tags: TAGS("alerts") }, { kmsMasterKeyId: ["key"] });
    env.add("aws:sns/topicSubscription:TopicSubscription", "alerts-email", { topic: "<topic arn>", protocol: "email", endpoint: "ops@example.com" }, { topic: ["alerts"] });
    env.add("aws:sns/topicSubscription:TopicSubscription", "alerts-pagerduty", { topic: "<topic arn>", protocol: "https", endpoint: "https://events.pagerduty.com/integration/xxxx/enqueue" }, { topic: ["alerts"] });
    const alarm = (name: string, props: Record<string, unknown>, dimensionsOf: string[] = []) =>
        env.add("aws:cloudwatch/metricAlarm:MetricAlarm", name, props, { alarmActions: ["alerts"], okActions: ["alerts"], ...(dimensionsOf.length > 0 ? { dimensions: dimensionsOf } : {}) });
    alarm("cert-expiry", ALARM("DaysToExpiry", "AWS/CertificateManager", "LessThanThreshold", 30, { CertificateArn: "<cert arn>" }, 86400, 1), ["cert"]);
    alarm("db-replica-lag", ALARM("ReplicaLag", "AWS/RDS", "GreaterThanThreshold", 1, { DBInstanceIdentifier: "voiceassist-db-replica" }, 60, 3), ["db-replica"]);
    alarm("alb-unhealthy-hosts", ALARM("UnHealthyHostCount", "AWS/ApplicationELB", "GreaterThanThreshold", 0, { TargetGroup: "<tg>", LoadBalancer: "<alb>" }, 60, 2), ["app-web", "alb"]);
    alarm("alb-healthy-hosts", ALARM("HealthyHostCount", "AWS/ApplicationELB", "LessThanThreshold", 1, { TargetGroup: "<tg>", LoadBalancer: "<alb>" }, 60, 2), ["app-web", "alb"]);
    alarm("backup-failures", ALARM("NumberOfBackupJobsFailed", "AWS/Backup", "GreaterThanThreshold", 0, { BackupVaultName: "voiceassist" }, 3600, 1), ["vault"]);
    alarm("restore-test-failures", ALARM("NumberOfRestoreJobsFailed", "AWS/Backup", "GreaterThanThreshold", 0, { BackupVaultName: "voiceassist" }, 3600, 1), ["vault"]);

    // --- the server's cloud-config -------------------------------------------------------------
    env.cloud = {
        hostname: "voiceassist-app",
        fqdn: `app.${DOMAIN}`,
        timezone: "UTC",
        ntp: { enabled: true, ntp_client: "chrony", servers: ["169.254.169.123"] },
        package_update: true,
        package_upgrade: true,
        package_reboot_if_required: true,
        apt: { sources: { docker: { source: "deb [signed-by=$KEY_FILE] https://download.docker.com/linux/ubuntu $RELEASE stable", keyid: "9DC858229FC7DD38854AE2D88D81803C0EBFCD88" } } },
        packages: ["docker-ce", "docker-ce-cli", "containerd.io", "docker-compose-plugin", "git", "python3", "python3-venv", "nginx", "certbot", "python3-certbot-nginx", "openssl", "fail2ban", "ufw", "auditd", "audispd-plugins", "unattended-upgrades", "chrony", "unzip", "curl"],
        ssh_pwauth: false,
        disable_root: true,
        users: ["default", { name: "deploy", groups: ["docker"], shell: "/bin/bash", lock_passwd: true, ssh_authorized_keys: ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKey deploy@example.com"] }],
        fs_setup: [{ label: "data", filesystem: "ext4", device: "/dev/sdf" }],
        mounts: [["LABEL=data", "/var/lib/docker", "ext4", "defaults,nofail", "0", "2"]],
        runcmd: [
            "systemctl disable --now snapd.service snapd.socket",
            "ufw default deny incoming",
            "ufw default allow outgoing",
            // Only the load balancer, from inside the VPC, reaches nginx.
            `ufw allow proto tcp from ${VPC_CIDR} to any port 80`,
            `ufw allow proto tcp from ${VPC_CIDR} to any port 443`,
            `ufw allow proto tcp from ${ADMIN_CIDR} to any port 22`,
            "ufw --force enable",
            "systemctl enable --now docker",
            "systemctl enable --now auditd",
            "augenrules --load",
            // nginx's key for the load balancer's hop is made here, never carried in user data.
            "install -d -m 0700 /etc/nginx/tls",
            `(umask 077 && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 -subj /CN=${DOMAIN} -addext subjectAltName=DNS:${DOMAIN} -keyout /etc/nginx/tls/voiceassist.key -out /etc/nginx/tls/voiceassist.crt)`,
            "chmod 600 /etc/nginx/tls/voiceassist.key",
            "rm -f /etc/nginx/sites-enabled/default",
            // nginx resolves its upstream when it starts: wait for the private zone's name.
            `for i in $(seq 1 60); do getent hosts ${API_INTERNAL_NAME} >/dev/null && break; sleep 10; done`,
            "nginx -t",
            "systemctl restart nginx",
            "mkdir -p /var/log/nginx",
            "touch /var/log/nginx/voiceassist.error.log",
            "chown www-data:adm /var/log/nginx/voiceassist.error.log",
            "chmod 0640 /var/log/nginx/voiceassist.error.log",
            "systemctl enable fail2ban",
            "systemctl restart fail2ban",
            "curl -fsSL https://amazoncloudwatch-agent.s3.amazonaws.com/ubuntu/amd64/latest/amazon-cloudwatch-agent.deb -o /tmp/amazon-cloudwatch-agent.deb",
            "dpkg -i -E /tmp/amazon-cloudwatch-agent.deb",
            "/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json",
        ],
    };
    env.file("/etc/docker/daemon.json", JSON.stringify(DAEMON_JSON, null, 2));
    env.file("/etc/nginx/conf.d/voiceassist.conf", NGINX_SITE, { defer: true });
    env.file("/etc/fail2ban/jail.d/sshd.local", "[DEFAULT]\nbantime = 1h\nfindtime = 10m\nmaxretry = 5\n\n[sshd]\nenabled = true\nport = ssh\n\n[nginx-http-auth]\nenabled = true\nlogpath = /var/log/nginx/voiceassist.error.log\n");
    env.file("/etc/audit/rules.d/hipaa.rules", AUDIT_RULES);
    env.file("/etc/apt/apt.conf.d/20auto-upgrades", 'APT::Periodic::Update-Package-Lists "1";\nAPT::Periodic::Unattended-Upgrade "1";\n');
    env.file("/etc/apt/apt.conf.d/50unattended-upgrades", 'Unattended-Upgrade::Allowed-Origins {\n    "${distro_id}:${distro_codename}-security";\n};\nUnattended-Upgrade::Automatic-Reboot "true";\nUnattended-Upgrade::Automatic-Reboot-Time "04:30";\n');
    env.file("/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json", JSON.stringify(AGENT_CONFIG, null, 2));
    return env;
}

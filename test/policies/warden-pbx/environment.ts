// A Warden PBX environment that meets the checklist, as fixture resources: the shapes of
// docs/development.md (launch template + instance with #cloud-config user data, security groups
// with separate ingress rules, ALB + WAF, RDS + proxy, AWS Backup with a cross-region copy, SNS +
// alarms). Rule tests start from it and change one property to make a rule fail, or make one
// value unknown.
import * as YAML from "yaml";
import { secret } from "../../helpers/policy-harness";
import { Environment, UNKNOWN, USER_DATA } from "../../helpers/environment";

export { Environment, UNKNOWN };

const TAGS = (name: string, extra: Record<string, string> = {}) => ({ "readiness:blueprint": "warden-pbx", Name: name, ...extra });

export const PBX_UNIT = `[Unit]
Description=Warden VoIP PBX
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
User=pbx
Group=pbx
WorkingDirectory=/opt/pbx
EnvironmentFile=/opt/pbx/.env
Environment=PBX_ENV=production
# The STI certificate and key for STIR/SHAKEN, once operators have stored them; as root.
ExecStartPre=-+/usr/local/sbin/pbx-stir-shaken
ExecStart=/opt/pbx/venv/bin/python /opt/pbx/main.py
Restart=on-failure
RestartSec=5
TimeoutStopSec=30
KillSignal=SIGTERM
LogsDirectory=pbx
LogsDirectoryMode=0750
StateDirectory=pbx
StateDirectoryMode=0750
StandardOutput=journal
StandardError=journal

[Install]
WantedBy=multi-user.target
`;

export const PBX_CONFIG = {
    server: { sip_host: "0.0.0.0", sip_port: 5060, rtp_port_range_start: 10000, rtp_port_range_end: 20000, server_name: "Warden PBX" },
    api: { host: "127.0.0.1", port: 8080, ssl: { enabled: false } },
    database: { type: "postgresql", host: "${DB_HOST}", port: "${DB_PORT}", name: "${DB_NAME}", user: "${DB_USER}", password: "${DB_PASSWORD}" },
    dialplan: { internal_pattern: "^1[0-9]{3}$", emergency_pattern: "^9?911$", outbound_pattern: "^9[0-9]{10}$", voicemail_pattern: "^\\*[0-9]{3,4}$" },
    codecs: { pcmu: { enabled: true, priority: 1 }, pcma: { enabled: true, priority: 2 }, g722: { enabled: true, priority: 3, bitrate: 64000 } },
    features: {
        call_recording: true,
        call_recording_announcements: { enabled: true },
        e911: { enabled: true },
        karis_law: { enabled: true },
        webrtc: { enabled: true, verbose_logging: false },
    },
    recording: { auto_record: false, storage_path: "recordings", format: "wav" },
    voicemail: { storage_path: "voicemail", max_message_duration: 180 },
    logging: { level: "INFO", file: "/var/log/pbx/pbx.log", console: false },
    monitoring: { prometheus: { enabled: true } },
    security: {
        require_authentication: true,
        fips_mode: true,
        enforce_fips: true,
        password: { min_length: 12, require_uppercase: true, require_lowercase: true, require_digit: true, require_special: true },
        rate_limit: { max_attempts: 5, window_seconds: 300, lockout_duration: 900 },
        audit: { enabled: true, log_to_database: true },
        enable_srtp: true,
        mfa: { enabled: true },
    },
    trunks: [{ name: "carrier", host: "sip.carrier.example.net", port: 5061, transport: "tls", username: "${TRUNK_USERNAME}", password: "${TRUNK_PASSWORD}" }],
    stir_shaken: { enabled: true, certificate_path: "/etc/pbx/stir/cert.pem", private_key_path: "/etc/pbx/stir/key.pem" },
};

/** The VPC's block: the load balancer's nodes reach nginx from it (set_real_ip_from, ufw). */
export const VPC_CIDR = "10.0.0.0/16";

/** The site as components/compute/cloud-init.ts renders it for the PBX host: port 80 only redirects, 443 serves the load balancer with a key made at boot. */
/** Installs the STI certificate and key operators keep in Secrets Manager (stacks/warden-pbx-host.ts), run before every PBX start. */
export const STIR_SHAKEN_SCRIPT = `#!/bin/sh
# STI certificate and key for STIR/SHAKEN from Secrets Manager warden-pbx/stir-shaken (JSON certificate, privateKey; set by operators).
set -eu
umask 077
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
aws secretsmanager get-secret-value --region us-east-1 --secret-id warden-pbx/stir-shaken --query SecretString --output text > "$staging/secret.json"
jq -er .certificate "$staging/secret.json" > "$staging/cert.pem"
jq -er .privateKey "$staging/secret.json" > "$staging/key.pem"
openssl x509 -in "$staging/cert.pem" -noout
install -d -m 0750 -o root -g pbx /etc/pbx/stir
install -m 0644 -o root -g pbx "$staging/cert.pem" /etc/pbx/stir/cert.pem
install -m 0600 -o pbx -g pbx "$staging/key.pem" /etc/pbx/stir/key.pem
`;

export const NGINX_SITE = `limit_req_zone $binary_remote_addr zone=pbx_api:10m rate=10r/s;

map $http_upgrade $connection_upgrade {
    default upgrade;
    '' close;
}

server {
    listen 80;
    server_name portal.example.com;
    server_tokens off;
    return 301 https://$host$request_uri;
}

server {
    listen 443 ssl;
    server_name portal.example.com;
    server_tokens off;

    ssl_certificate /etc/nginx/tls/pbx.crt;
    ssl_certificate_key /etc/nginx/tls/pbx.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305;
    ssl_prefer_server_ciphers off;
    ssl_session_cache shared:pbx_tls:10m;
    ssl_session_timeout 1d;
    ssl_session_tickets off;

    set_real_ip_from ${VPC_CIDR};
    real_ip_header X-Forwarded-For;
    real_ip_recursive on;

    client_max_body_size 1m;

    access_log /var/log/nginx/pbx.access.log;
    error_log /var/log/nginx/pbx.error.log warn;

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
        limit_req zone=pbx_api burst=20 nodelay;
        proxy_pass http://127.0.0.1:8080;
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

export const AGENT_CONFIG = {
    agent: { metrics_collection_interval: 60 },
    metrics: {
        namespace: "CWAgent",
        append_dimensions: { InstanceId: "${aws:InstanceId}" },
        // Disk metrics carry path, device and fstype; alarms use the InstanceId + path roll-up.
        aggregation_dimensions: [["InstanceId", "path"]],
        metrics_collected: {
            cpu: { measurement: ["cpu_usage_active", "cpu_usage_iowait"], totalcpu: true },
            mem: { measurement: ["mem_used_percent"] },
            disk: { measurement: ["used_percent"], resources: ["/", "/var/lib/pbx/voicemail", "/var/lib/pbx/recordings"] },
            net: { measurement: ["bytes_sent", "bytes_recv"] },
            processes: { measurement: ["running", "blocked"] },
            procstat: [{ pattern: "/opt/pbx/main.py", measurement: ["pid_count"] }],
        },
    },
    logs: {
        metrics_collected: {
            prometheus: {
                prometheus_config_path: "/opt/aws/amazon-cloudwatch-agent/etc/prometheus.yaml",
                emf_processor: { metric_namespace: "Warden/PBX", metric_declaration: [{ source_labels: ["job"], label_matcher: "^pbx$", dimensions: [[]], metric_selectors: ["^(ConcurrentCalls|ActiveRegistrations|CallSuccessRate|AverageCallDuration|CallQualityMOS|ApiLatency|DatabaseConnectionErrors|DatabasePoolInUse)$"] }] },
            },
        },
        logs_collected: {
            files: {
                collect_list: [
                    { file_path: "/var/log/pbx/*.log", log_group_name: "/warden-pbx/pbx" },
                    { file_path: "/var/log/nginx/*.log", log_group_name: "/warden-pbx/nginx" },
                    { file_path: "/var/log/auth.log", log_group_name: "/warden-pbx/auth" },
                ],
            },
        },
    },
};

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

/** The compliant environment. */
export function pbxEnvironment(): Environment {
    const env = new Environment();
    env.add("aws:kms/key:Key", "key", { enableKeyRotation: true, deletionWindowInDays: 30, tags: TAGS("key") }, {}, { protect: true });
    env.add("pulumi:providers:aws", "dr", { region: "us-west-2" });
    env.add("aws:kms/key:Key", "dr-key", { enableKeyRotation: true, tags: TAGS("dr-key") }, {}, { protect: true, provider: "dr" });

    // --- network -------------------------------------------------------------------------------
    env.add("aws:ec2/securityGroup:SecurityGroup", "pbx-sg", { description: "Warden PBX host", tags: TAGS("pbx-sg") });
    env.add("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "pbx-sip", { ipProtocol: "udp", fromPort: 5060, toPort: 5060, cidrIpv4: "0.0.0.0/0", description: "SIP" }, { securityGroupId: ["pbx-sg"] });
    env.add("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "pbx-sips", { ipProtocol: "tcp", fromPort: 5061, toPort: 5061, cidrIpv4: "0.0.0.0/0", description: "SIP over TLS" }, { securityGroupId: ["pbx-sg"] });
    env.add("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "pbx-rtp", { ipProtocol: "udp", fromPort: 10000, toPort: 20000, cidrIpv4: "0.0.0.0/0", description: "RTP" }, { securityGroupId: ["pbx-sg"] });
    env.add("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "pbx-https-from-alb", { ipProtocol: "tcp", fromPort: 443, toPort: 443, referencedSecurityGroupId: "<alb sg id>", description: "nginx from the load balancer" }, { securityGroupId: ["pbx-sg"], referencedSecurityGroupId: ["alb-sg"] });
    env.add("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "pbx-egress", { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" }, { securityGroupId: ["pbx-sg"] });
    env.add("aws:ec2/securityGroup:SecurityGroup", "alb-sg", { description: "Load balancer", tags: TAGS("alb-sg") });
    env.add("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "alb-https", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0", description: "HTTPS" }, { securityGroupId: ["alb-sg"] });
    env.add("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "alb-http", { ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: "0.0.0.0/0", description: "HTTP redirect" }, { securityGroupId: ["alb-sg"] });
    env.add("aws:ec2/securityGroup:SecurityGroup", "db-sg", { description: "PBX database", tags: TAGS("db-sg") });
    env.add("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "db-from-pbx", { ipProtocol: "tcp", fromPort: 5432, toPort: 5432, referencedSecurityGroupId: "<pbx sg id>" }, { securityGroupId: ["db-sg"], referencedSecurityGroupId: ["pbx-sg"] });
    env.add("aws:ec2/networkInterface:NetworkInterface", "pbx-voice-eni", { subnetId: "subnet-public-a", description: "SIP/RTP", tags: TAGS("pbx-voice-eni") }, { securityGroups: ["pbx-sg"] });

    // --- host ----------------------------------------------------------------------------------
    env.add(
        "aws:ec2/launchTemplate:LaunchTemplate",
        "pbx-lt",
        {
            imageId: "resolve:ssm:/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id",
            userData: USER_DATA,
            metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
            blockDeviceMappings: [{ deviceName: "/dev/sda1", ebs: { volumeSize: 100, volumeType: "gp3", encrypted: "true", kmsKeyId: "<key arn>", deleteOnTermination: "true" } }],
            updateDefaultVersion: true,
            tags: TAGS("pbx-lt"),
        },
        { blockDeviceMappings: ["key"] },
    );
    env.add(
        "aws:ec2/instance:Instance",
        "pbx",
        {
            launchTemplate: { id: "<lt id>", version: "$Latest" },
            instanceType: "m7i.2xlarge",
            subnetId: "subnet-private-a",
            vpcSecurityGroupIds: ["<pbx sg id>"],
            iamInstanceProfile: "pbx-profile",
            maintenanceOptions: { autoRecovery: "default" },
            disableApiTermination: true,
            tags: TAGS("pbx", { "readiness:role": "pbx", "readiness:extensions": "50" }),
        },
        { launchTemplate: ["pbx-lt"], vpcSecurityGroupIds: ["pbx-sg"] },
    );
    env.add("aws:ec2/networkInterfaceAttachment:NetworkInterfaceAttachment", "pbx-voice-eni-attachment", { deviceIndex: 1 }, { instanceId: ["pbx"], networkInterfaceId: ["pbx-voice-eni"] });
    env.add("aws:ebs/volume:Volume", "voicemail", { availabilityZone: "us-east-1a", size: 50, type: "gp3", encrypted: true, kmsKeyId: "<key arn>", tags: TAGS("voicemail", { "readiness:purpose": "voicemail" }) }, { kmsKeyId: ["key"] }, { protect: true });
    env.add("aws:ec2/volumeAttachment:VolumeAttachment", "voicemail-attachment", { deviceName: "/dev/sdf" }, { instanceId: ["pbx"], volumeId: ["voicemail"] });
    env.add("aws:ebs/volume:Volume", "recordings", { availabilityZone: "us-east-1a", size: 200, type: "gp3", encrypted: true, kmsKeyId: "<key arn>", tags: TAGS("recordings", { "readiness:purpose": "recordings" }) }, { kmsKeyId: ["key"] }, { protect: true });
    env.add("aws:ec2/volumeAttachment:VolumeAttachment", "recordings-attachment", { deviceName: "/dev/sdg" }, { instanceId: ["pbx"], volumeId: ["recordings"] });
    env.add("aws:ec2/eip:Eip", "pbx-ip", { domain: "vpc", tags: TAGS("pbx-ip") });
    env.add("aws:ec2/eipAssociation:EipAssociation", "pbx-ip-association", { allocationId: "<allocation>", networkInterfaceId: "<eni id>" }, { allocationId: ["pbx-ip"], networkInterfaceId: ["pbx-voice-eni"] });
    env.add("aws:ec2/eipDomainName:EipDomainName", "pbx-ptr", { allocationId: "<allocation>", domainName: "sip.example.com" }, { allocationId: ["pbx-ip"] });

    // --- DNS and certificate -------------------------------------------------------------------
    env.add("aws:route53/zone:Zone", "zone", { name: "example.com" });
    env.add("aws:route53/record:Record", "sip-a", { zoneId: "<zone>", name: "sip.example.com", type: "A", ttl: 300, records: ["<eip>"] }, { zoneId: ["zone"], records: ["pbx-ip"] });
    env.add("aws:route53/record:Record", "sip-srv", { zoneId: "<zone>", name: "_sip._udp.example.com", type: "SRV", ttl: 300, records: ["10 5 5060 sip.example.com."] }, { zoneId: ["zone"] });
    env.add("aws:route53/record:Record", "sips-srv", { zoneId: "<zone>", name: "_sips._tcp.example.com", type: "SRV", ttl: 300, records: ["10 5 5061 sip.example.com."] }, { zoneId: ["zone"] });
    env.add("aws:route53/record:Record", "portal", { zoneId: "<zone>", name: "portal.example.com", type: "A", aliases: [{ name: "<alb dns>", zoneId: "<alb zone>", evaluateTargetHealth: true }] }, { zoneId: ["zone"], aliases: ["alb"] });
    env.add("aws:acm/certificate:Certificate", "cert", { domainName: "portal.example.com", validationMethod: "DNS", keyAlgorithm: "EC_prime256v1", tags: TAGS("cert") });
    env.add("aws:route53/record:Record", "cert-validation-record", { zoneId: "<zone>", name: "<validation name>", type: "CNAME", ttl: 300, records: ["<validation value>"] }, { zoneId: ["zone"], name: ["cert"], records: ["cert"] });
    env.add("aws:acm/certificateValidation:CertificateValidation", "cert-validation", { certificateArn: "<cert arn>", validationRecordFqdns: ["<fqdn>"] }, { certificateArn: ["cert"], validationRecordFqdns: ["cert-validation-record"] });

    // --- edge ----------------------------------------------------------------------------------
    env.add("aws:s3/bucket:Bucket", "alb-logs", { tags: TAGS("alb-logs") }, {}, { protect: true });
    env.add("aws:s3/bucketVersioning:BucketVersioning", "alb-logs-versioning", { bucket: "<bucket>", versioningConfiguration: { status: "Enabled" } }, { bucket: ["alb-logs"] });
    env.add("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "alb-logs-encryption", { bucket: "<bucket>", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }, { bucket: ["alb-logs"] });
    env.add("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "alb-logs-public-access", { bucket: "<bucket>", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, { bucket: ["alb-logs"] });
    env.add("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "alb-logs-lifecycle", { bucket: "<bucket>", rules: [{ id: "expire", status: "Enabled", expiration: { days: 90 } }] }, { bucket: ["alb-logs"] });
    env.add("aws:lb/loadBalancer:LoadBalancer", "alb", { loadBalancerType: "application", internal: false, securityGroups: ["<alb sg id>"], dropInvalidHeaderFields: true, accessLogs: { bucket: "<bucket>", enabled: true, prefix: "alb" }, tags: TAGS("alb") }, { securityGroups: ["alb-sg"], accessLogs: ["alb-logs"] });
    // The load balancer reaches nginx over HTTPS on 443 and health-checks it the same way (components/edge/web-edge.ts).
    env.add("aws:lb/targetGroup:TargetGroup", "pbx-web", {
        port: 443,
        protocol: "HTTPS",
        targetType: "instance",
        healthCheck: { path: "/health", matcher: "200", interval: 15, protocol: "HTTPS", port: "traffic-port", healthyThreshold: 2, unhealthyThreshold: 3 },
        tags: TAGS("pbx-web"),
    });
    env.add("aws:lb/targetGroupAttachment:TargetGroupAttachment", "pbx-web-attachment", { targetGroupArn: "<tg arn>", targetId: "<instance id>", port: 443 }, { targetGroupArn: ["pbx-web"], targetId: ["pbx"] });
    env.add(
        "aws:lb/listener:Listener",
        "https",
        {
            loadBalancerArn: "<alb arn>",
            port: 443,
            protocol: "HTTPS",
            sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
            certificateArn: "<cert arn>",
            defaultActions: [{ type: "forward", targetGroupArn: "<tg arn>" }],
            routingHttpResponseStrictTransportSecurityHeaderValue: "max-age=31536000; includeSubDomains",
        },
        { loadBalancerArn: ["alb"], certificateArn: ["cert-validation"], defaultActions: ["pbx-web"] },
    );
    env.add("aws:lb/listener:Listener", "http", { loadBalancerArn: "<alb arn>", port: 80, protocol: "HTTP", defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }] }, { loadBalancerArn: ["alb"] });
    env.add("aws:wafv2/webAcl:WebAcl", "waf", {
        scope: "REGIONAL",
        defaultAction: { allow: {} },
        rules: [
            { name: "rate-limit", priority: 1, action: { block: {} }, statement: { rateBasedStatement: { limit: 1000, aggregateKeyType: "IP" } }, visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "rate-limit", sampledRequestsEnabled: true } },
            { name: "ip-reputation", priority: 2, overrideAction: { none: {} }, statement: { managedRuleGroupStatement: { name: "AWSManagedRulesAmazonIpReputationList", vendorName: "AWS" } }, visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "ip-reputation", sampledRequestsEnabled: true } },
        ],
        visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "waf", sampledRequestsEnabled: true },
    });
    env.add("aws:wafv2/webAclAssociation:WebAclAssociation", "waf-association", { resourceArn: "<alb arn>", webAclArn: "<waf arn>" }, { resourceArn: ["alb"], webAclArn: ["waf"] });

    // --- database ------------------------------------------------------------------------------
    env.add("aws:rds/parameterGroup:ParameterGroup", "db-params", {
        family: "postgres16",
        parameters: [
            { name: "shared_buffers", value: "{DBInstanceClassMemory/32768}", applyMethod: "pending-reboot" },
            { name: "effective_cache_size", value: "{DBInstanceClassMemory*3/32768}" },
            { name: "work_mem", value: "16384" },
            { name: "maintenance_work_mem", value: "524288" },
            { name: "password_encryption", value: "scram-sha-256" },
            { name: "rds.force_ssl", value: "1" },
            { name: "log_min_duration_statement", value: "500" },
            { name: "shared_preload_libraries", value: "pg_stat_statements", applyMethod: "pending-reboot" },
        ],
    });
    // The log groups RDS publishes the exported logs to, created before the instance (components/database/postgres-database.ts).
    for (const log of ["postgresql", "upgrade"]) {
        env.add("aws:cloudwatch/logGroup:LogGroup", `db-${log}-logs`, { name: `/aws/rds/instance/pbx-db/${log}`, retentionInDays: 90, kmsKeyId: "<key arn>", tags: TAGS(`db-${log}-logs`) }, { kmsKeyId: ["key"] }, { protect: true });
    }
    env.add(
        "aws:rds/instance:Instance",
        "db",
        {
            identifier: "pbx-db",
            engine: "postgres",
            engineVersion: "16.4",
            instanceClass: "db.m7g.large",
            allocatedStorage: 100,
            maxAllocatedStorage: 500,
            storageType: "gp3",
            storageEncrypted: true,
            kmsKeyId: "<key arn>",
            dbName: "pbx_system",
            username: "pbx_admin",
            manageMasterUserPassword: true,
            backupRetentionPeriod: 30,
            backupWindow: "02:00-02:30",
            maintenanceWindow: "sun:04:00-sun:05:00",
            multiAz: true,
            deletionProtection: true,
            skipFinalSnapshot: false,
            finalSnapshotIdentifier: "pbx-db-final",
            parameterGroupName: "<params>",
            performanceInsightsEnabled: true,
            performanceInsightsRetentionPeriod: 7,
            enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
            publiclyAccessible: false,
            vpcSecurityGroupIds: ["<db sg id>"],
            tags: TAGS("db"),
        },
        { kmsKeyId: ["key"], parameterGroupName: ["db-params"], vpcSecurityGroupIds: ["db-sg"] },
        { protect: true },
    );
    env.add("aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication", "db-backups-dr", { sourceDbInstanceArn: "<db arn>", retentionPeriod: 14, kmsKeyId: "<dr key>" }, { sourceDbInstanceArn: ["db"], kmsKeyId: ["dr-key"] }, { provider: "dr" });
    env.add("aws:rds/proxy:Proxy", "db-proxy", { engineFamily: "POSTGRESQL", requireTls: true, auths: [{ authScheme: "SECRETS", iamAuth: "DISABLED", secretArn: "<secret>" }], vpcSecurityGroupIds: ["<db sg id>"] }, { vpcSecurityGroupIds: ["db-sg"] });
    env.add("aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup", "db-proxy-pool", { dbProxyName: "<proxy>", connectionPoolConfig: { maxConnectionsPercent: 90, maxIdleConnectionsPercent: 50 } }, { dbProxyName: ["db-proxy"] });
    env.add("aws:rds/proxyTarget:ProxyTarget", "db-proxy-target", { dbProxyName: "<proxy>", targetGroupName: "default", dbInstanceIdentifier: "<db id>" }, { dbProxyName: ["db-proxy"], dbInstanceIdentifier: ["db"] });
    env.add("random:index/randomPassword:RandomPassword", "pbx-db-password", { length: 32, special: true });
    env.add("pulumi:providers:postgresql", "pg", { host: "<db address>", sslmode: "require" });
    env.add("postgresql:index/role:Role", "pbx-role", { name: "pbx_user", login: true, password: secret("<generated>"), superuser: false, createDatabase: false, createRole: false }, { password: ["pbx-db-password"] }, { provider: "pg" });
    env.add("postgresql:index/database:Database", "pbx-database", { name: "pbx_system", owner: "pbx_admin" }, {}, { provider: "pg" });
    env.add("postgresql:index/grant:Grant", "pbx-connect", { database: "pbx_system", role: "pbx_user", objectType: "database", privileges: ["CONNECT", "TEMPORARY"] }, { database: ["pbx-database"], role: ["pbx-role"] }, { provider: "pg" });
    env.add("postgresql:index/grant:Grant", "pbx-schema", { database: "pbx_system", role: "pbx_user", schema: "public", objectType: "schema", privileges: ["USAGE", "CREATE"] }, { database: ["pbx-database"], role: ["pbx-role"] }, { provider: "pg" });
    env.add("aws:secretsmanager/secret:Secret", "app-env", { name: "warden-pbx/app-env", kmsKeyId: "<key arn>", recoveryWindowInDays: 30, tags: TAGS("app-env") }, { kmsKeyId: ["key"] });
    env.add("aws:secretsmanager/secretVersion:SecretVersion", "app-env-version", { secretId: "<secret id>", secretString: secret("DB_PASSWORD=<generated>") }, { secretId: ["app-env"], secretString: ["pbx-db-password", "db"] });

    // --- backups -------------------------------------------------------------------------------
    env.add("aws:backup/vault:Vault", "vault", { name: "warden-pbx", kmsKeyArn: "<key arn>", tags: TAGS("vault") }, { kmsKeyArn: ["key"] }, { protect: true });
    env.add("aws:backup/vaultLockConfiguration:VaultLockConfiguration", "vault-lock", { backupVaultName: "warden-pbx", minRetentionDays: 30, maxRetentionDays: 365, changeableForDays: 3 }, { backupVaultName: ["vault"] });
    env.add("aws:backup/vault:Vault", "dr-vault", { name: "warden-pbx-dr", kmsKeyArn: "<dr key arn>", tags: TAGS("dr-vault") }, { kmsKeyArn: ["dr-key"] }, { protect: true, provider: "dr" });
    env.add("aws:backup/vaultLockConfiguration:VaultLockConfiguration", "dr-vault-lock", { backupVaultName: "warden-pbx-dr", minRetentionDays: 90, changeableForDays: 3 }, { backupVaultName: ["dr-vault"] }, { provider: "dr" });
    env.add("aws:backup/vaultNotifications:VaultNotifications", "vault-notifications", { backupVaultName: "warden-pbx", snsTopicArn: "<topic arn>", backupVaultEvents: ["BACKUP_JOB_FAILED", "COPY_JOB_FAILED", "RESTORE_JOB_FAILED"] }, { backupVaultName: ["vault"], snsTopicArn: ["alerts"] });
    env.add(
        "aws:backup/plan:Plan",
        "backup-plan",
        {
            name: "warden-pbx",
            rules: [
                { ruleName: "daily", targetVaultName: "warden-pbx", schedule: "cron(0 2 * * ? *)", scheduleExpressionTimezone: "UTC", enableContinuousBackup: true, lifecycle: { deleteAfter: 30 }, copyActions: [{ destinationVaultArn: "<dr vault arn>", lifecycle: { deleteAfter: 90 } }] },
                { ruleName: "weekly", targetVaultName: "warden-pbx", schedule: "cron(0 3 ? * SUN *)", scheduleExpressionTimezone: "UTC", lifecycle: { deleteAfter: 90 }, copyActions: [{ destinationVaultArn: "<dr vault arn>", lifecycle: { deleteAfter: 90 } }] },
            ],
        },
        { rules: ["vault", "dr-vault"] },
    );
    env.add("aws:backup/selection:Selection", "backup-selection", { planId: "<plan id>", iamRoleArn: "<role>", resources: ["<db arn>", "<instance arn>", "<voicemail arn>", "<recordings arn>"] }, { planId: ["backup-plan"], resources: ["db", "pbx", "voicemail", "recordings"] });
    env.add("aws:backup/restoreTestingPlan:RestoreTestingPlan", "restore-testing", {
        name: "warden_pbx_restore_testing",
        scheduleExpression: "cron(0 5 ? * SUN *)",
        recoveryPointSelection: { algorithm: "LATEST_WITHIN_WINDOW", includeVaults: ["*"], recoveryPointTypes: ["SNAPSHOT"], selectionWindowDays: 7 },
    });
    for (const type of ["RDS", "EBS"]) {
        env.add("aws:backup/restoreTestingSelection:RestoreTestingSelection", `restore-testing-${type.toLowerCase()}`, { name: `pbx_${type.toLowerCase()}`, restoreTestingPlanName: "warden_pbx_restore_testing", protectedResourceType: type, iamRoleArn: "<role>", protectedResourceArns: ["*"], validationWindowHours: 4 }, { restoreTestingPlanName: ["restore-testing"] });
    }
    // The host's clone boots into a group without rules.
    env.add("aws:ec2/securityGroup:SecurityGroup", "restore-isolation", { description: "Restore tests of the PBX host: no inbound, no outbound traffic", tags: TAGS("restore-isolation") });
    env.add(
        "aws:backup/restoreTestingSelection:RestoreTestingSelection",
        "restore-testing-ec2",
        { name: "pbx_ec2", restoreTestingPlanName: "warden_pbx_restore_testing", protectedResourceType: "EC2", iamRoleArn: "<role>", protectedResourceArns: ["<instance arn>"], validationWindowHours: 4, restoreMetadataOverrides: { SubnetId: "<private subnet id>", SecurityGroupIds: '["<isolation sg id>"]' } },
        { restoreTestingPlanName: ["restore-testing"], protectedResourceArns: ["pbx"], restoreMetadataOverrides: ["restore-isolation"] },
    );

    // --- monitoring ----------------------------------------------------------------------------
    env.add("aws:sns/topic:Topic", "alerts", { kmsMasterKeyId: "<key>", tags: TAGS("alerts") }, { kmsMasterKeyId: ["key"] });
    env.add("aws:sns/topicSubscription:TopicSubscription", "alerts-email", { topic: "<topic arn>", protocol: "email", endpoint: "ops@example.com" }, { topic: ["alerts"] });
    const alarm = (name: string, props: Record<string, unknown>, dimensionsOf: string[] = []) =>
        env.add("aws:cloudwatch/metricAlarm:MetricAlarm", name, props, { alarmActions: ["alerts"], okActions: ["alerts"], ...(dimensionsOf.length > 0 ? { dimensions: dimensionsOf } : {}) });
    const instance = { InstanceId: "<instance id>" };
    alarm("pbx-cpu", ALARM("CPUUtilization", "AWS/EC2", "GreaterThanThreshold", 80, instance, 300, 2), ["pbx"]);
    alarm("pbx-memory", ALARM("mem_used_percent", "CWAgent", "GreaterThanThreshold", 80, instance, 300, 2), ["pbx"]);
    alarm("pbx-disk-root", ALARM("disk_used_percent", "CWAgent", "GreaterThanThreshold", 80, { ...instance, path: "/" }, 300, 1), ["pbx"]);
    alarm("pbx-disk-voicemail", ALARM("disk_used_percent", "CWAgent", "GreaterThanThreshold", 80, { ...instance, path: "/var/lib/pbx/voicemail" }, 300, 1), ["pbx"]);
    alarm("pbx-disk-recordings", ALARM("disk_used_percent", "CWAgent", "GreaterThanThreshold", 80, { ...instance, path: "/var/lib/pbx/recordings" }, 300, 1), ["pbx"]);
    alarm("pbx-network-out", ALARM("NetworkOut", "AWS/EC2", "GreaterThanThreshold", 5e9, instance, 300, 2), ["pbx"]);
    alarm("pbx-load", ALARM("processes_running", "CWAgent", "GreaterThanThreshold", 16, instance, 300, 2), ["pbx"]);
    alarm("pbx-process", ALARM("procstat_lookup_pid_count", "CWAgent", "LessThanThreshold", 1, { ...instance, pattern: "/opt/pbx/main.py", pid_finder: "native" }, 60, 2), ["pbx"]);
    alarm("pbx-registrations", ALARM("ActiveRegistrations", "Warden/PBX", "LessThanThreshold", 10, {}, 300, 2));
    alarm("pbx-concurrent-calls", ALARM("ConcurrentCalls", "Warden/PBX", "GreaterThanThreshold", 40, {}, 60, 3));
    alarm("pbx-mos", ALARM("CallQualityMOS", "Warden/PBX", "LessThanThreshold", 3.5, {}, 300, 2));
    alarm("pbx-call-success", ALARM("CallSuccessRate", "Warden/PBX", "LessThanThreshold", 95, {}, 300, 2));
    alarm("pbx-api-latency", ALARM("ApiLatency", "Warden/PBX", "GreaterThanThreshold", 1000, {}, 60, 3));
    alarm("pbx-db-errors", { ...ALARM("DatabaseConnectionErrors", "Warden/PBX", "GreaterThanThreshold", 0, {}, 60, 1), statistic: "Sum" });
    alarm("pbx-db-pool", ALARM("DatabasePoolInUse", "Warden/PBX", "GreaterThanThreshold", 80, {}, 60, 3));
    alarm("pbx-failed-logins", { ...ALARM("FailedLogins", "Warden/PBX", "GreaterThanThreshold", 10, {}, 300, 1), statistic: "Sum" });
    alarm("cert-expiry", ALARM("DaysToExpiry", "AWS/CertificateManager", "LessThanThreshold", 30, { CertificateArn: "<cert arn>" }, 86400, 1), ["cert"]);
    alarm("db-free-storage", ALARM("FreeStorageSpace", "AWS/RDS", "LessThanThreshold", 10e9, { DBInstanceIdentifier: "<db id>" }, 300, 1), ["db"]);
    alarm("backup-failures", ALARM("NumberOfBackupJobsFailed", "AWS/Backup", "GreaterThanThreshold", 0, { BackupVaultName: "warden-pbx" }, 3600, 1), ["vault"]);
    alarm("pbx-logs-silent", ALARM("IncomingLogEvents", "AWS/Logs", "LessThanThreshold", 1, { LogGroupName: "/warden-pbx/pbx" }, 900, 1), ["pbx-app-logs"]);
    env.add("aws:cloudwatch/logGroup:LogGroup", "pbx-app-logs", { name: "/warden-pbx/pbx", retentionInDays: 90, kmsKeyId: "<key arn>" }, { kmsKeyId: ["key"] });
    env.add("aws:cloudwatch/logGroup:LogGroup", "pbx-nginx-logs", { name: "/warden-pbx/nginx", retentionInDays: 30, kmsKeyId: "<key arn>" }, { kmsKeyId: ["key"] });
    env.add("aws:cloudwatch/logGroup:LogGroup", "pbx-auth-logs", { name: "/warden-pbx/auth", retentionInDays: 90, kmsKeyId: "<key arn>" }, { kmsKeyId: ["key"] });
    // Failed logins counted from the PBX's log and sshd's key-only failures from auth.log.
    env.add("aws:cloudwatch/logMetricFilter:LogMetricFilter", "pbx-failed-logins-filter", { logGroupName: "/warden-pbx/pbx", pattern: '?"Authentication failed" ?"Failed login"', metricTransformation: { name: "FailedLogins", namespace: "Warden/PBX", value: "1", defaultValue: "0" } }, { logGroupName: ["pbx-app-logs"] });
    env.add("aws:cloudwatch/logMetricFilter:LogMetricFilter", "pbx-ssh-failures-filter", { logGroupName: "/warden-pbx/auth", pattern: '?"Invalid user" ?"Failed publickey" ?"Connection closed by authenticating user"', metricTransformation: { name: "SshFailedLogins", namespace: "Warden/PBX", value: "1", defaultValue: "0" } }, { logGroupName: ["pbx-auth-logs"] });
    env.add("aws:cloudtrail/trail:Trail", "trail", { isMultiRegionTrail: true, enableLogFileValidation: true, includeGlobalServiceEvents: true, s3BucketName: "<bucket>", kmsKeyId: "<key arn>" }, { s3BucketName: ["alb-logs"], kmsKeyId: ["key"] });
    const widget = (metrics: unknown[][]) => ({ type: "metric", properties: { metrics, region: "us-east-1", period: 300 } });
    env.add("aws:cloudwatch/dashboard:Dashboard", "pbx-dashboard", {
        dashboardName: "warden-pbx",
        dashboardBody: JSON.stringify({
            widgets: [
                widget([["Warden/PBX", "ConcurrentCalls"], ["Warden/PBX", "ActiveRegistrations"]]),
                widget([["Warden/PBX", "CallSuccessRate"], ["Warden/PBX", "AverageCallDuration"], ["Warden/PBX", "CallQualityMOS"]]),
                widget([["Warden/PBX", "ApiLatency"], ["Warden/PBX", "DatabasePoolInUse"]]),
                widget([["AWS/EC2", "CPUUtilization", "InstanceId", "i-pbx"], ["CWAgent", "mem_used_percent", "InstanceId", "i-pbx"], ["CWAgent", "disk_used_percent", "InstanceId", "i-pbx", "path", "/"]]),
                widget([["AWS/RDS", "ReadLatency", "DBInstanceIdentifier", "pbx-db"], ["AWS/RDS", "WriteLatency", "DBInstanceIdentifier", "pbx-db"]]),
            ],
        }),
    });

    // --- the PBX host's cloud-config -------------------------------------------------------------
    env.cloud = {
        timezone: "UTC",
        ntp: { enabled: true, ntp_client: "chrony", servers: ["169.254.169.123"] },
        package_update: true,
        package_upgrade: true,
        packages: ["python3.12", "python3.12-venv", "make", "git", "espeak", "ffmpeg", "nginx", "openssl", "jq", "fail2ban", "ufw", "unattended-upgrades", "chrony", "auditd"],
        ssh_pwauth: false,
        disable_root: true,
        users: ["default", { name: "pbx", system: true, shell: "/usr/sbin/nologin", lock_passwd: true, homedir: "/opt/pbx", no_create_home: true }],
        fs_setup: [
            { label: "voicemail", filesystem: "ext4", device: "/dev/sdf" },
            { label: "recordings", filesystem: "ext4", device: "/dev/sdg" },
        ],
        mounts: [
            ["LABEL=voicemail", "/var/lib/pbx/voicemail", "ext4", "defaults,nofail", "0", "2"],
            ["LABEL=recordings", "/var/lib/pbx/recordings", "ext4", "defaults,nofail", "0", "2"],
        ],
        // Marks run at every boot (bootcmd), since iptables rules do not survive a reboot.
        bootcmd: [
            "iptables -t mangle -C OUTPUT -p udp --sport 10000:20000 -j DSCP --set-dscp-class EF || iptables -t mangle -A OUTPUT -p udp --sport 10000:20000 -j DSCP --set-dscp-class EF",
            "iptables -t mangle -C OUTPUT -p udp --sport 5060 -j DSCP --set-dscp-class CS3 || iptables -t mangle -A OUTPUT -p udp --sport 5060 -j DSCP --set-dscp-class CS3",
        ],
        runcmd: [
            "systemctl disable --now snapd.service snapd.socket",
            "systemctl mask ModemManager.service",
            "sysctl --system",
            "ufw default deny incoming",
            "ufw default allow outgoing",
            "ufw allow 5060/udp",
            "ufw allow 5061/tcp",
            "ufw allow 10000:20000/udp",
            // Only the load balancer, from inside the VPC, reaches nginx.
            `ufw allow proto tcp from ${VPC_CIDR} to any port 443`,
            "ufw --force enable",
            "git clone --branch v1.2.0 --depth 1 https://github.com/mattiIce/PBX.git /opt/pbx",
            "ln -sf /etc/pbx/config.yml /opt/pbx/config.yml",
            "ln -sfn /var/lib/pbx/voicemail /opt/pbx/voicemail",
            "ln -sfn /var/lib/pbx/recordings /opt/pbx/recordings",
            "python3.12 -m venv /opt/pbx/venv",
            "cd /opt/pbx && make install-prod",
            "cd /opt/pbx && /opt/pbx/venv/bin/python scripts/generate_tts_prompts.py --sample-rate 8000",
            "aws secretsmanager get-secret-value --secret-id warden-pbx/app-env --query SecretString --output text > /opt/pbx/.env",
            "chown pbx:pbx /opt/pbx/.env",
            "chmod 600 /opt/pbx/.env",
            "chown -R pbx:pbx /opt/pbx",
            "chown -R pbx:pbx /var/lib/pbx/voicemail /var/lib/pbx/recordings",
            "chmod 0750 /var/lib/pbx/voicemail /var/lib/pbx/recordings /opt/pbx",
            "systemctl daemon-reload",
            "systemctl enable --now pbx.service",
            "systemctl enable --now pbx-fips-health.timer",
            "systemctl enable --now fail2ban",
            // nginx's key for the load balancer's hop is made here, never carried in user data.
            "install -d -m 0700 /etc/nginx/tls",
            "(umask 077 && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 -subj /CN=portal.example.com -addext subjectAltName=DNS:portal.example.com -keyout /etc/nginx/tls/pbx.key -out /etc/nginx/tls/pbx.crt)",
            "chmod 600 /etc/nginx/tls/pbx.key",
            "rm -f /etc/nginx/sites-enabled/default",
            "nginx -t",
            "systemctl restart nginx",
            "/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json",
        ],
    };
    env.file("/etc/systemd/system/pbx.service", PBX_UNIT);
    env.file("/usr/local/sbin/pbx-stir-shaken", STIR_SHAKEN_SCRIPT, { permissions: "0750" });
    env.file("/etc/pbx/config.yml", YAML.stringify(PBX_CONFIG), { owner: "root:pbx", permissions: "0640" });
    env.file("/etc/nginx/conf.d/pbx.conf", NGINX_SITE, { defer: true });
    env.file("/etc/fail2ban/jail.d/pbx.local", "[DEFAULT]\nbantime = 1h\nfindtime = 10m\nmaxretry = 5\n\n[sshd]\nenabled = true\n\n[pbx-auth]\nenabled = true\nfilter = pbx-auth\nlogpath = /var/log/pbx/pbx.log\nport = 5060,8080\nprotocol = all\nmaxretry = 5\nbantime = 1h\n");
    env.file("/etc/fail2ban/filter.d/pbx-auth.conf", "[Definition]\nfailregex = ^.*(Authentication failed|Failed login).* from <HOST>.*$\nignoreregex =\n");
    env.file("/etc/logrotate.d/pbx", "/var/log/pbx/*.log {\n    daily\n    rotate 30\n    maxsize 500M\n    compress\n    delaycompress\n    missingok\n    notifempty\n    copytruncate\n}\n");
    env.file("/etc/apt/apt.conf.d/20auto-upgrades", 'APT::Periodic::Update-Package-Lists "1";\nAPT::Periodic::Unattended-Upgrade "1";\n');
    env.file(
        "/etc/apt/apt.conf.d/50unattended-upgrades",
        'Unattended-Upgrade::Allowed-Origins {\n    "${distro_id}:${distro_codename}-security";\n    "${distro_id}ESMApps:${distro_codename}-apps-security";\n};\nUnattended-Upgrade::Automatic-Reboot "true";\nUnattended-Upgrade::Automatic-Reboot-Time "04:30";\n',
    );
    env.file("/etc/sysctl.d/60-voip.conf", "net.core.rmem_max = 16777216\nnet.core.wmem_max = 16777216\nnet.core.rmem_default = 4194304\nnet.core.wmem_default = 4194304\nnet.core.netdev_max_backlog = 5000\n");
    env.file("/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json", JSON.stringify(AGENT_CONFIG, null, 2));
    env.file("/opt/aws/amazon-cloudwatch-agent/etc/prometheus.yaml", "global:\n  scrape_interval: 60s\nscrape_configs:\n  - job_name: pbx\n    static_configs:\n      - targets: [\"127.0.0.1:8080\"]\n    metrics_path: /metrics\n");
    env.file("/etc/systemd/system/pbx-fips-health.service", "[Unit]\nDescription=Warden PBX FIPS health check\n\n[Service]\nType=oneshot\nUser=pbx\nWorkingDirectory=/opt/pbx\nExecStart=/opt/pbx/venv/bin/python scripts/check_fips_health.py\n");
    env.file("/etc/systemd/system/pbx-fips-health.timer", "[Unit]\nDescription=Daily FIPS health check\n\n[Timer]\nOnCalendar=daily\nPersistent=true\n\n[Install]\nWantedBy=timers.target\n");
    return env;
}

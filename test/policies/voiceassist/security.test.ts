// Security hardening (11, 1.3.7): encryption at rest, audit logging, RBAC, mTLS, keys, WAF, scanning, alerts.
import auditLogging from "../../../policies/voiceassist/rules/security/audit-logging";
import containerScanning from "../../../policies/voiceassist/rules/security/container-scanning";
import ddosProtection from "../../../policies/voiceassist/rules/security/ddos-protection";
import encryptionAtRest from "../../../policies/voiceassist/rules/security/encryption-at-rest";
import intrusionDetection from "../../../policies/voiceassist/rules/security/intrusion-detection";
import keyManagement from "../../../policies/voiceassist/rules/security/key-management";
import kubernetesRbac from "../../../policies/voiceassist/rules/security/kubernetes-rbac";
import mtls from "../../../policies/voiceassist/rules/security/mtls";
import rateLimiting from "../../../policies/voiceassist/rules/security/rate-limiting";
import securityAlerts from "../../../policies/voiceassist/rules/security/security-alerts";
import securityAudits from "../../../policies/voiceassist/rules/security/security-audits";
import vulnerabilityScanning from "../../../policies/voiceassist/rules/security/vulnerability-scanning";
import { describeRule, run } from "./cases";
import { Environment, UNKNOWN } from "./environment";

const KEY_ARN = "arn:aws:kms:us-east-1:210987654321:key/0f6d4f3e-8a4b-4c1d-9e2f-3a5b7c9d1e2f";
/** The property names a literal key and no longer refers to the program's key. */
const literalKey = (name: string, property: string, value: string) => (env: Environment) => env.set(name, property, value).depend(name, property, []);
/** The program's key, reached through an alias of the program instead. */
const throughAlias = (name: string, property: string) => (env: Environment) => {
    env.add("aws:kms/alias:Alias", "key-alias", { name: "alias/voiceassist", targetKeyId: "<key id>" }, { targetKeyId: ["key"] });
    env.set(name, property, "<alias arn>").depend(name, property, ["key-alias"]);
};

/** A second launch volume next to the root volume (which refers to the program's key): the mappings share one property dependency. */
const dataMapping = (kmsKeyId?: unknown) => (env: Environment) => env.set("app-lt", "blockDeviceMappings.1", { deviceName: "/dev/sdf", ebs: { volumeSize: 50, volumeType: "gp3", encrypted: "true", ...(kmsKeyId === undefined ? {} : { kmsKeyId }) } });

/** Redis volumes named in the master/replica values only through the chart's globals. */
const redisGlobals = (globals: Record<string, unknown>) => (env: Environment) =>
    env.set("redis", "values.global", globals).set("redis", "values.master.persistence.storageClass", undefined).set("redis", "values.replica.persistence.storageClass", undefined);

describeRule({
    rule: encryptionAtRest,
    passes: [
        { when: "the database uses a key of another stack (literal key ARN)", change: literalKey("db", "kmsKeyId", KEY_ARN) },
        { when: "a secret names the program's key through its alias", change: throughAlias("app-secrets", "kmsKeyId") },
        // Only an output of the program is unknown, and the template refers to its key.
        { when: "the root volume's key ARN is unknown (a first preview)", change: (env) => env.set("app-lt", "blockDeviceMappings.0.ebs.kmsKeyId", UNKNOWN) },
        { when: "a second launch volume names a customer alias", change: dataMapping("alias/voiceassist-data") },
        { when: "Bitnami's global.storageClass names the encrypted class over a master value", change: (env) => env.set("redis", "values.global", { storageClass: "gp3-encrypted" }).set("redis", "values.master.persistence.storageClass", "gp2") },
        { when: "only global.defaultStorageClass names the encrypted class", change: redisGlobals({ defaultStorageClass: "gp3-encrypted" }) },
    ],
    fails: [
        { when: "the replica is unencrypted", change: (env) => env.set("db-replica", "storageEncrypted", false), message: 'aws:rds/instance:Instance "db-replica": does not encrypt its storage (storageEncrypted)', resource: "db-replica" },
        { when: "the Loki bucket uses SSE-S3", change: (env) => env.set("loki-chunks-encryption", "rules.0.applyServerSideEncryptionByDefault", { sseAlgorithm: "AES256" }), message: /has no default encryption with KMS/, resource: "loki-chunks" },
        { when: "EKS does not encrypt Secrets", change: (env) => env.set("eks", "encryptionConfig", undefined), message: /does not encrypt Kubernetes Secrets with a customer-managed KMS key/, resource: "eks" },
        { when: "EKS encrypts Secrets with an AWS-managed alias", change: (env) => env.set("eks", "encryptionConfig.provider.keyArn", "alias/aws/eks").depend("eks", "encryptionConfig", []), message: /does not encrypt Kubernetes Secrets with a customer-managed KMS key/, resource: "eks" },
        { when: "Redis volumes use an unencrypted class", change: (env) => env.set("gp3-encrypted", "parameters.encrypted", "false"), message: /stores Redis master data on a volume that uses StorageClass gp3-encrypted, which does not encrypt/, resource: "redis" },
        { when: "a log group has no key", change: (env) => env.set("eks-logs", "kmsKeyId", undefined).depend("eks-logs", "kmsKeyId", []), message: /is not encrypted with a customer-managed KMS key/, resource: "eks-logs" },
        { when: "the database names RDS's AWS-managed alias", change: literalKey("db", "kmsKeyId", "arn:aws:kms:us-east-1:123456789012:alias/aws/rds"), message: 'aws:rds/instance:Instance "db": encrypts with the AWS-managed key, not a customer-managed KMS key (kmsKeyId)', resource: "db" },
        { when: "a secret names Secrets Manager's AWS-managed alias", change: literalKey("app-secrets", "kmsKeyId", "alias/aws/secretsmanager"), message: /"app-secrets": is encrypted with the AWS-managed key/, resource: "app-secrets" },
        { when: "an EBS volume names alias/aws/ebs", change: literalKey("app-data", "kmsKeyId", "alias/aws/ebs"), message: /"app-data": is encrypted with the AWS-managed key/, resource: "app-data" },
        { when: "the launch template's root volume names alias/aws/ebs", change: (env) => env.set("app-lt", "blockDeviceMappings.0.ebs.kmsKeyId", "alias/aws/ebs").depend("app-lt", "blockDeviceMappings", []), message: /encrypts volume \/dev\/sda1 with the AWS-managed key, not a customer-managed KMS key/, resource: "app-lt" },
        // The root volume's reference to the program's key vouches for no other mapping.
        { when: "a second launch volume names alias/aws/ebs", change: dataMapping("alias/aws/ebs"), message: 'aws:ec2/launchTemplate:LaunchTemplate "app-lt": encrypts volume /dev/sdf with the AWS-managed key, not a customer-managed KMS key (ebs.kmsKeyId)', resource: "app-lt" },
        { when: "a second launch volume names no key", change: dataMapping(), message: /encrypts volume \/dev\/sdf with the AWS-managed key/, resource: "app-lt" },
        { when: "the root volume names alias/aws/ebs although the template refers to the program's key", change: (env) => env.set("app-lt", "blockDeviceMappings.0.ebs.kmsKeyId", "alias/aws/ebs"), message: /encrypts volume \/dev\/sda1 with the AWS-managed key/, resource: "app-lt" },
        { when: "a vault names AWS Backup's AWS-managed alias", change: literalKey("vault", "kmsKeyArn", "arn:aws:kms:us-east-1:123456789012:alias/aws/backup"), message: /"vault": is encrypted with the AWS-managed key/, resource: "vault" },
        { when: "a secret's key is an empty string", change: literalKey("app-secrets", "kmsKeyId", ""), message: /"app-secrets": is encrypted with the AWS-managed key/, resource: "app-secrets" },
        { when: "the StorageClass names alias/aws/ebs", change: (env) => env.set("gp3-encrypted", "parameters.kmsKeyId", "alias/aws/ebs").depend("gp3-encrypted", "parameters", []), message: /StorageClass gp3-encrypted, which encrypts with alias\/aws\/ebs, not a customer-managed KMS key/, resource: "redis" },
        { when: "Bitnami's global.storageClass (gp2) overrides the master's encrypted class", change: (env) => env.set("redis", "values.global", { storageClass: "gp2" }), message: /stores Redis master data on a volume that uses StorageClass gp2, which this program does not define/, resource: "redis" },
        { when: "global.storageClass is \"-\" (no class)", change: redisGlobals({ storageClass: "-" }), message: /stores Redis master data on a volume that requests no StorageClass \(storageClassName ""\)/, resource: "redis" },
    ],
    unknown: (env) => env.set("db", "storageEncrypted", UNKNOWN),
});

it("encryption-at-rest is unknown, not passed, while a literal key it must judge is unknown", async () => {
    const result = await run(encryptionAtRest, (env) => env.set("app-secrets", "kmsKeyId", UNKNOWN).depend("app-secrets", "kmsKeyId", []));
    expect(result.violations).toEqual([]);
    expect(result.unknown.sort()).toEqual(["va-11.1.2-encryption-at-rest", "va-11.2.1-encryption-at-rest"]);
});

it("encryption-at-rest is unknown, not passed, while a launch volume's key is unknown and the template refers to no key", async () => {
    const result = await run(encryptionAtRest, (env) => env.set("app-lt", "blockDeviceMappings.0.ebs.kmsKeyId", UNKNOWN).depend("app-lt", "blockDeviceMappings", []));
    expect(result.violations).toEqual([]);
    expect(result.unknown.sort()).toEqual(["va-11.1.2-encryption-at-rest", "va-11.2.1-encryption-at-rest"]);
});

const PGAUDIT_LOG = 9;

describeRule({
    rule: auditLogging,
    passes: [{ when: "pgaudit.log is all minus some classes", change: (env) => env.set("db-params", `parameters.${PGAUDIT_LOG}.value`, "all,-misc") }],
    fails: [
        { when: "the trail is single-region", change: (env) => env.set("trail", "isMultiRegionTrail", false), message: 'aws:cloudtrail/trail:Trail "trail": records one region only (isMultiRegionTrail); a trail logging every region with log file validation and a customer-managed KMS key is required', resource: "trail" },
        { when: "the trail is stopped", change: (env) => env.set("trail", "enableLogging", false), message: /"trail": is stopped \(enableLogging: false\), so it records nothing/, resource: "trail" },
        { when: "the trail names CloudTrail's AWS-managed alias", change: (env) => env.set("trail", "kmsKeyId", "alias/aws/cloudtrail").depend("trail", "kmsKeyId", []), message: /does not encrypt its logs with a customer-managed KMS key/, resource: "trail" },
        { when: "EKS does not log audits", change: (env) => env.set("eks", "enabledClusterLogTypes", ["api"]), message: /does not send its Kubernetes audit log/, resource: "eks" },
        { when: "pgaudit is not loaded", change: (env) => env.set("db-params", "parameters.4.value", "pg_stat_statements"), message: /"db": does not audit database activity: pgaudit is not in shared_preload_libraries/, resource: "db" },
        { when: "pgaudit.log is none", change: (env) => env.set("db-params", `parameters.${PGAUDIT_LOG}.value`, "none"), message: /"db": does not audit database activity: pgaudit.log is "none"; at least one statement class/, resource: "db" },
        { when: "pgaudit.log is empty", change: (env) => env.set("db-params", `parameters.${PGAUDIT_LOG}.value`, ""), message: /does not audit database activity: pgaudit.log is ""/, resource: "db" },
        { when: "pgaudit.log subtracts every class it adds", change: (env) => env.set("db-params", `parameters.${PGAUDIT_LOG}.value`, "ddl,-ddl"), message: /pgaudit.log is "ddl,-ddl"/, resource: "db" },
        { when: "pgaudit.log is unset", change: (env) => env.set("db-params", `parameters.${PGAUDIT_LOG}`, undefined), message: /pgaudit.log is unset \(none\)/, resource: "db" },
        { when: "the database does not export its postgresql log", change: (env) => env.set("db", "enabledCloudwatchLogsExports", ["upgrade"]), message: /"db": keeps its postgresql log, where pgaudit writes, on the instance only/, resource: "db" },
        {
            when: "the replica does not export its postgresql log",
            change: (env) => env.set("db-replica", "enabledCloudwatchLogsExports", undefined),
            message: 'aws:rds/instance:Instance "db-replica": keeps its postgresql log, where pgaudit writes, on the instance only (enabledCloudwatchLogsExports does not include postgresql), where RDS deletes it after 3 days by default',
            resource: "db-replica",
        },
    ],
    unknown: (env) => env.set("trail", "isMultiRegionTrail", UNKNOWN),
});

it("audit-logging is unknown, not passed, while a database's log exports are unknown", async () => {
    const result = await run(auditLogging, (env) => env.set("db", "enabledCloudwatchLogsExports", UNKNOWN));
    expect(result.violations).toEqual([]);
    expect(result.unknown).toEqual(["va-11.1.4-audit-logging"]);
});

describeRule({
    rule: kubernetesRbac,
    fails: [
        { when: "the cluster uses the aws-auth ConfigMap", change: (env) => env.set("eks", "accessConfig", undefined), message: /authenticates through the aws-auth ConfigMap/, resource: "eks" },
        { when: "every role is cluster-wide", change: (env) => env.remove("eks-developers-policy"), message: /grants only cluster-wide roles/ },
        { when: "everyone is cluster admin", change: (env) => env.add("kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding", "everyone-admin", { metadata: { name: "everyone-admin" }, roleRef: { kind: "ClusterRole", name: "cluster-admin" }, subjects: [{ kind: "Group", name: "system:authenticated" }] }), message: /binds a cluster role to system:authenticated/, resource: "everyone-admin" },
    ],
    unknown: (env) => env.set("eks", "accessConfig", UNKNOWN),
});

describeRule({
    rule: mtls,
    baseline: (env) => env.add("kubernetes:helm.sh/v3:Release", "linkerd", { chart: "linkerd-control-plane", version: "2024.11.8", namespace: "linkerd" }),
    passes: [{ when: "Istio enforces STRICT mTLS", change: (env) => { env.remove("linkerd"); env.add("kubernetes:security.istio.io/v1:PeerAuthentication", "strict", { metadata: { name: "default", namespace: "istio-system" }, spec: { mtls: { mode: "STRICT" } } }); } }],
    fails: [{ when: "there is no mesh", change: (env) => env.remove("linkerd"), message: /no service mesh enforces mutual TLS/ }],
    unknown: (env) => env.set("linkerd", "chart", UNKNOWN),
});

describeRule({
    rule: keyManagement,
    fails: [
        { when: "a key does not rotate", change: (env) => env.set("key", "enableKeyRotation", false), message: 'aws:kms/key:Key "key": does not rotate (enableKeyRotation)', resource: "key" },
        { when: "a secret uses the AWS-managed key", change: (env) => env.set("app-secrets", "kmsKeyId", undefined).depend("app-secrets", "kmsKeyId", []), message: /is encrypted with an AWS-managed key/, resource: "app-secrets" },
        { when: "a secret names alias/aws/secretsmanager", change: literalKey("app-secrets", "kmsKeyId", "alias/aws/secretsmanager"), message: 'aws:secretsmanager/secret:Secret "app-secrets": is encrypted with an AWS-managed key (no kmsKeyId, or an aws/ alias), not a customer-managed KMS key (kmsKeyId)', resource: "app-secrets" },
        { when: "a secret names the aws/secretsmanager alias by ARN", change: literalKey("app-secrets", "kmsKeyId", "arn:aws:kms:us-east-1:123456789012:alias/aws/secretsmanager"), message: /is encrypted with an AWS-managed key/, resource: "app-secrets" },
        { when: "a secret's alias targets no key of the program", change: (env) => { throughAlias("app-secrets", "kmsKeyId")(env); env.depend("key-alias", "targetKeyId", []).set("key-alias", "targetKeyId", "alias/aws/secretsmanager"); }, message: /is encrypted with an AWS-managed key/, resource: "app-secrets" },
    ],
    passes: [
        { when: "a secret uses a key of another stack (literal key ARN)", change: literalKey("app-secrets", "kmsKeyId", KEY_ARN) },
        { when: "a secret uses a customer alias by name", change: literalKey("app-secrets", "kmsKeyId", "alias/voiceassist-shared") },
        { when: "a secret names the program's key through its alias", change: throughAlias("app-secrets", "kmsKeyId") },
        // Only an output of the program is unknown, and the template refers to its key.
        { when: "the root volume's key ARN is unknown (a first preview)", change: (env) => env.set("app-lt", "blockDeviceMappings.0.ebs.kmsKeyId", UNKNOWN) },
        { when: "a second launch volume names a customer alias", change: dataMapping("alias/voiceassist-data") },
    ],
    unknown: (env) => env.set("key", "enableKeyRotation", UNKNOWN),
});

describeRule({
    rule: ddosProtection,
    passes: [{ when: "Shield Advanced protects the load balancer", change: (env) => { env.remove("waf-association"); env.add("aws:shield/protection:Protection", "alb-shield", { resourceArn: "<alb arn>" }, { resourceArn: ["alb"] }); } }],
    fails: [
        { when: "there is no WAF", change: (env) => env.remove("waf-association"), message: 'aws:lb/loadBalancer:LoadBalancer "alb": has no WAF web ACL associated', resource: "alb" },
        { when: "the IP reputation list is missing", change: (env) => env.set("waf", "rules.1", undefined), message: /has a WAF web ACL without AWSManagedRulesAmazonIpReputationList/ },
    ],
    unknown: (env) => env.set("waf", "rules", UNKNOWN),
});

describeRule({
    rule: rateLimiting,
    fails: [{ when: "the limit is 10000", change: (env) => env.set("waf", "rules.0.statement.rateBasedStatement.limit", 10000), message: 'aws:lb/loadBalancer:LoadBalancer "alb": limits clients to 10000 requests per 5 minutes; at most 2000 are allowed', resource: "alb" }],
    unknown: (env) => env.set("waf", "rules", UNKNOWN),
});

describeRule({
    rule: securityAudits,
    fails: [
        { when: "the recorder is stopped", change: (env) => env.set("config-recorder-status", "isEnabled", false), message: /no AWS Config recorder records all supported resources and is started/ },
        { when: "there is no delivery channel", change: (env) => env.remove("config-delivery"), message: /AWS Config has no delivery channel/ },
    ],
    unknown: (env) => env.set("config-recorder-status", "isEnabled", UNKNOWN),
});

describeRule({
    rule: vulnerabilityScanning,
    passes: [{ when: "the Trivy operator scans images", change: (env) => { env.set("inspector", "resourceTypes", ["EC2"]); env.add("kubernetes:helm.sh/v3:Release", "trivy", { chart: "trivy-operator", version: "0.24.1", namespace: "trivy-system" }); } }],
    fails: [{ when: "Inspector skips ECR", change: (env) => env.set("inspector", "resourceTypes", ["EC2"]), message: "nothing scans ECR for vulnerabilities (aws:inspector2/enabler resourceTypes)" }],
    unknown: (env) => env.set("inspector", "resourceTypes", UNKNOWN),
});

describeRule({
    rule: containerScanning,
    fails: [
        { when: "tags are mutable", change: (env) => env.set("ecr-worker", "imageTagMutability", "MUTABLE"), message: /lets tags be overwritten/, resource: "ecr-worker" },
        { when: "nothing scans on push", change: (env) => { env.set("ecr-worker", "imageScanningConfiguration", undefined); env.set("inspector", "resourceTypes", ["EC2"]); }, message: /does not scan images on push, and Inspector does not scan ECR/ },
        { when: "an image comes from Docker Hub", change: (env) => env.set("worker", "spec.template.spec.containers.0.image", "voiceassist/worker:latest"), message: /runs voiceassist\/worker:latest, not an image from ECR/, resource: "worker" },
    ],
    unknown: (env) => env.set("ecr-worker", "imageTagMutability", UNKNOWN),
});

describeRule({
    rule: securityAlerts,
    fails: [
        { when: "findings go nowhere", change: (env) => env.remove("guardduty-findings-to-alerts"), message: 'aws:cloudwatch/eventRule:EventRule "guardduty-findings": forwards GuardDuty findings to no subscribed SNS topic', resource: "guardduty-findings" },
        { when: "GuardDuty is off", change: (env) => env.set("guardduty", "enable", false), message: /GuardDuty is not enabled/ },
    ],
    unknown: (env) => env.set("guardduty-findings", "eventPattern", UNKNOWN),
});

describeRule({
    rule: intrusionDetection,
    fails: [{ when: "GuardDuty is off", change: (env) => env.set("guardduty", "enable", false), message: "no enabled GuardDuty detector watches for intrusions" }],
    unknown: (env) => env.set("guardduty", "enable", UNKNOWN),
});

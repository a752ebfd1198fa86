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
import { describeRule } from "./cases";
import { UNKNOWN } from "./environment";

describeRule({
    rule: encryptionAtRest,
    fails: [
        { when: "the replica is unencrypted", change: (env) => env.set("db-replica", "storageEncrypted", false), message: 'aws:rds/instance:Instance "db-replica": does not encrypt its storage (storageEncrypted)', resource: "db-replica" },
        { when: "the Loki bucket uses SSE-S3", change: (env) => env.set("loki-chunks-encryption", "rules.0.applyServerSideEncryptionByDefault", { sseAlgorithm: "AES256" }), message: /has no default encryption with KMS/, resource: "loki-chunks" },
        { when: "EKS does not encrypt Secrets", change: (env) => env.set("eks", "encryptionConfig", undefined), message: /does not encrypt Kubernetes Secrets with a KMS key/, resource: "eks" },
        { when: "Redis volumes use an unencrypted class", change: (env) => env.set("gp3-encrypted", "parameters.encrypted", "false"), message: /stores Redis master data on a volume that uses StorageClass gp3-encrypted, which does not encrypt/, resource: "redis" },
        { when: "a log group has no key", change: (env) => env.set("eks-logs", "kmsKeyId", undefined).depend("eks-logs", "kmsKeyId", []), message: /is not encrypted with a KMS key/, resource: "eks-logs" },
    ],
    unknown: (env) => env.set("db", "storageEncrypted", UNKNOWN),
});

describeRule({
    rule: auditLogging,
    fails: [
        { when: "the trail is single-region", change: (env) => env.set("trail", "isMultiRegionTrail", false), message: 'aws:cloudtrail/trail:Trail "trail": no CloudTrail trail covers every region with log file validation and KMS encryption', resource: "trail" },
        { when: "EKS does not log audits", change: (env) => env.set("eks", "enabledClusterLogTypes", ["api"]), message: /does not send its Kubernetes audit log/, resource: "eks" },
        { when: "pgaudit is not loaded", change: (env) => env.set("db-params", "parameters.4.value", "pg_stat_statements"), message: /does not audit database activity/, resource: "db" },
    ],
    unknown: (env) => env.set("trail", "isMultiRegionTrail", UNKNOWN),
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
        { when: "a secret uses the AWS-managed key", change: (env) => env.set("app-secrets", "kmsKeyId", undefined).depend("app-secrets", "kmsKeyId", []), message: /is encrypted with the AWS-managed key/, resource: "app-secrets" },
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

import { dataStores } from "../../../lib/datastores";
import { applicationLoadBalancers } from "../../../lib/edge";
import { referenced } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { companionsOf } from "../../../lib/storage";

export default automatedRule({
    name: "encryption-at-rest",
    items: ["VA-11.1.2", "VA-11.2.1"],
    description:
        "Every data store of the program is encrypted at rest with a customer-managed KMS key: RDS storage, EBS and launch-template volumes, S3 buckets (SSE-KMS; buckets receiving ALB access logs may use SSE-S3, the only encryption ALB log delivery supports), CloudWatch log groups, Secrets Manager secrets, backup vaults, ElastiCache, EFS, EKS Secrets (encryptionConfig), StorageClasses, and the persistent volumes of the Redis, Qdrant, Prometheus, Grafana and Loki releases (their StorageClass, or the cluster default).",
    severity: "critical",
    remediationSteps:
        "The kit encrypts every store with its KMS key (`readiness-kit:voiceassistKmsKeyAlias`). In your own program, set storageEncrypted/kmsKeyId, encrypted/kmsKeyId, SSE-KMS bucket encryption, kmsKeyId on log groups and secrets, kmsKeyArn on vaults, encryptionConfig on the EKS cluster and parameters {encrypted: \"true\", kmsKeyId} on StorageClasses.",
    validate: ({ resources, report }) => {
        const stores = dataStores(resources);
        if (stores.length === 0) {
            report("no data store exists whose encryption could be shown");
        }
        const albLogBuckets = new Set(applicationLoadBalancers(resources).flatMap((balancer) => referenced(balancer, "accessLogs")).map((bucket) => bucket.urn));
        for (const store of stores.filter((entry) => entry.problem !== undefined)) {
            const sseS3 = companionsOf(resources, store.resource, "encryption").some((config) => ((config.props.rules ?? []) as Record<string, Record<string, unknown>>[]).some((rule) => rule.applyServerSideEncryptionByDefault?.sseAlgorithm === "AES256"));
            if (albLogBuckets.has(store.resource.urn) && sseS3) {
                continue;
            }
            report(store.problem!, store.resource);
        }
    },
});

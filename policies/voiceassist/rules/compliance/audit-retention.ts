import { logGroupNamed, retentionDays } from "../../../lib/logs";
import { clusterLogTypes, eksClusters } from "../../../lib/kubernetes";
import { ofType, referenced } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { BUCKET_TYPES } from "../../../lib/storage";
import { TRAIL } from "../security/audit-logging";
import { bucketKeepsDays, complianceLockDays } from "./retention";

export default automatedRule<{ minDays: number }>({
    name: "audit-retention",
    items: ["VA-16.3.1"],
    description:
        "Audit logs are kept 7 years (minDays, 2557) where they cannot be altered: every CloudTrail trail writes to a bucket of the program with S3 Object Lock in COMPLIANCE mode for at least minDays and no lifecycle rule expiring objects earlier; every EKS cluster's audit log group (/aws/eks/<name>/cluster) is created by the program with retentionInDays at least minDays.",
    severity: "critical",
    remediationSteps: "The kit locks its audit bucket in COMPLIANCE mode for 2557 days and keeps the EKS log group 2557 days (`readiness-kit:voiceassistAuditRetentionDays`). In your own program, add aws.s3.BucketObjectLockConfigurationV2 {rule: {defaultRetention: {mode: \"COMPLIANCE\", days: 2557}}} and set the log group's retentionInDays to 2557.",
    config: { minDays: { type: "integer", minimum: 1, default: 2557, description: "Shortest audit log retention, in days (7 years)." } },
    validate: ({ resources, config, report }) => {
        const trails = ofType(resources, TRAIL);
        if (trails.length === 0) {
            report("no CloudTrail trail writes audit logs whose retention could be shown");
        }
        for (const trail of trails) {
            const buckets = referenced(trail, "s3BucketName").filter((bucket) => BUCKET_TYPES.includes(bucket.type));
            if (buckets.length === 0) {
                report("writes to a bucket this program does not create, so its retention cannot be shown", trail);
            }
            for (const bucket of buckets) {
                const locked = complianceLockDays(resources, bucket);
                if (locked === undefined || locked < config.minDays) {
                    report(`keeps audit logs ${locked === undefined ? "without COMPLIANCE object lock" : `locked ${locked} days`}; ${config.minDays} days under COMPLIANCE object lock are required`, bucket);
                }
                const expires = bucketKeepsDays(resources, bucket);
                if (expires !== undefined && expires < config.minDays) {
                    report(`expires audit logs after ${expires} days; at least ${config.minDays} are required`, bucket);
                }
            }
        }
        for (const cluster of eksClusters(resources).filter((entry) => clusterLogTypes(entry).includes("audit"))) {
            const name = `/aws/eks/${String(cluster.props.name ?? cluster.name)}/cluster`;
            const group = logGroupNamed(resources, name);
            if (!group) {
                report(`sends its audit log to ${name}, which this program does not create, so it is kept forever or by default settings nobody chose`, cluster);
                continue;
            }
            const days = retentionDays(group);
            if (days !== undefined && days < config.minDays) {
                report(`keeps the cluster's audit log ${days} days; at least ${config.minDays} are required`, group);
            }
        }
    },
});

import { PolicyResource } from "@pulumi/policy";
import { postgresDatabases } from "../../../lib/databases";
import { LOG_GROUP, exportedLogs, logGroupNamed, rdsLogGroupName, retentionDays } from "../../../lib/logs";
import { clusterLogTypes, eksClusters } from "../../../lib/kubernetes";
import { ofType, referenced } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { BUCKET_TYPES } from "../../../lib/storage";
import { TRAIL } from "../security/audit-logging";
import { bucketKeepsDays, describeExpiry, complianceLockDays } from "./retention";

export default automatedRule<{ minDays: number }>({
    name: "audit-retention",
    items: ["VA-16.3.1"],
    description:
        "Audit logs are kept 7 years (minDays, 2557) where they cannot be altered: every CloudTrail trail writes to a bucket of the program with S3 Object Lock in COMPLIANCE mode for at least minDays and no lifecycle rule expiring objects earlier; every log group receiving audit records is created by the program and keeps them at least minDays (retentionInDays, or never expiring): the trail's CloudWatch Logs group (cloudWatchLogsGroupArn), each EKS cluster's audit log group (/aws/eks/<name>/cluster) and the postgresql log group of each PostgreSQL instance exporting it (/aws/rds/instance/<identifier>/postgresql, /aws/rds/cluster/<identifier>/postgresql for Aurora).",
    severity: "critical",
    remediationSteps:
        "The kit locks its audit bucket in COMPLIANCE mode for 2557 days and keeps the trail's and EKS's log groups 2557 days (`readiness-kit:voiceassistAuditRetentionDays`). In your own program, add aws.s3.BucketObjectLockConfigurationV2 {rule: {defaultRetention: {mode: \"COMPLIANCE\", days: 2557}}}, set retentionInDays to 2557 on those log groups, and create /aws/rds/instance/<identifier>/postgresql yourself (retentionInDays 2557) before the database, which RDS would otherwise create keeping events by no setting of yours.",
    config: { minDays: { type: "integer", minimum: 1, default: 2557, description: "Shortest audit log retention, in days (7 years)." } },
    validate: ({ resources, config, report }) => {
        const requireRetention = (group: PolicyResource, what: string) => {
            const days = retentionDays(group);
            if (days !== undefined && days < config.minDays) {
                report(`keeps ${what} ${days} days; at least ${config.minDays} are required`, group);
            }
        };
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
                    report(`expires audit logs ${describeExpiry(expires)}; at least ${config.minDays} are required`, bucket);
                }
            }
            // The trail's CloudWatch Logs copy is an audit store too (a relation first, as its ARN is unknown in a first preview).
            const groups = referenced(trail, "cloudWatchLogsGroupArn", LOG_GROUP);
            groups.forEach((group) => requireRetention(group, "the trail's audit records"));
            const arn = groups.length === 0 ? trail.props.cloudWatchLogsGroupArn : undefined;
            if (typeof arn === "string" && arn !== "") {
                report(`sends its audit records to log group ${arn}, which this program does not create, so its retention cannot be shown`, trail);
            }
        }
        for (const cluster of eksClusters(resources).filter((entry) => clusterLogTypes(entry).includes("audit"))) {
            const name = `/aws/eks/${String(cluster.props.name ?? cluster.name)}/cluster`;
            const group = logGroupNamed(resources, name);
            if (!group) {
                report(`sends its audit log to ${name}, which this program does not create, so it is kept forever or by default settings nobody chose`, cluster);
                continue;
            }
            requireRetention(group, "the cluster's audit log");
        }
        for (const database of postgresDatabases(resources).filter((entry) => exportedLogs(entry).includes("postgresql"))) {
            const name = rdsLogGroupName(database, "postgresql");
            const group = logGroupNamed(resources, name);
            if (!group) {
                report(`exports its postgresql log (pgaudit's audit records) to ${name}, which this program does not create, so RDS creates it kept forever or by default settings nobody chose`, database);
                continue;
            }
            requireRetention(group, "the database's audit log");
        }
    },
});

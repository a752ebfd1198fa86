import { plans, rulesOf } from "../../../lib/backups";
import { logGroups, retentionDays } from "../../../lib/logs";
import { buckets, expirationDays } from "../../../lib/storage";
import { automatedRule } from "../../../lib/rule";

export default automatedRule({
    name: "data-retention",
    items: ["WP-3.5.1.7"],
    description:
        "Stack-wide, stored data has a retention policy: every CloudWatch log group sets retentionInDays, every S3 bucket has an enabled lifecycle rule expiring objects, and every AWS Backup rule deletes recovery points after a set time (lifecycle.deleteAfter).",
    severity: "high",
    remediationSteps: "Set retentionInDays on log groups, add an aws.s3.BucketLifecycleConfiguration with expiration, and lifecycle.deleteAfter on backup rules (the kit derives them from `readiness-kit:wardenLogRetentionDays` and `wardenBackupRetentionDays`).",
    validate: ({ resources, report }) => {
        if (logGroups(resources).length + buckets(resources).length + plans(resources).length === 0) {
            report("no log group, S3 bucket or backup plan exists whose data a retention policy could govern");
        }
        for (const group of logGroups(resources)) {
            if (retentionDays(group) === undefined) {
                report("keeps log events forever (no retentionInDays)", group);
            }
        }
        for (const bucket of buckets(resources)) {
            if (expirationDays(resources, bucket).length === 0) {
                report("has no lifecycle rule expiring objects", bucket);
            }
        }
        for (const plan of plans(resources)) {
            for (const rule of rulesOf(plan).filter((entry) => entry.deleteAfterDays === undefined)) {
                report(`keeps rule ${rule.name}'s recovery points forever (no lifecycle.deleteAfter)`, plan);
            }
        }
    },
});

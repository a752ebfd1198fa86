import { rulesOf, plans } from "../../../lib/backups";
import { logGroups, retentionDays } from "../../../lib/logs";
import { automatedRule } from "../../../lib/rule";
import { buckets, expirationDays } from "../../../lib/storage";
import { OBJECT_LOCK } from "./retention";

export default automatedRule({
    name: "data-retention",
    items: ["VA-16.2.5"],
    description:
        "Data retention is enforced by the platform, not by hand: every CloudWatch log group has a retention (retentionInDays), every S3 bucket has an enabled lifecycle rule expiring objects (or an object lock that defines its retention), and every AWS Backup rule expires recovery points (lifecycle.deleteAfter).",
    severity: "high",
    remediationSteps: "The kit sets retentionInDays on each log group, lifecycle rules on each bucket and deleteAfter on each backup rule. In your own program, add the missing ones.",
    validate: ({ resources, report }) => {
        const groups = logGroups(resources);
        const allBuckets = buckets(resources);
        if (groups.length + allBuckets.length + plans(resources).length === 0) {
            report("no log group, bucket or backup plan exists whose retention could be shown");
        }
        for (const group of groups.filter((entry) => retentionDays(entry) === undefined)) {
            report("keeps log events forever (no retentionInDays)", group);
        }
        for (const bucket of allBuckets) {
            const locked = resources.some((resource) => OBJECT_LOCK.includes(resource.type) && (resource.propertyDependencies.bucket ?? []).some((dependency) => dependency.urn === bucket.urn));
            if (expirationDays(resources, bucket).length === 0 && !locked) {
                report("keeps objects forever (no enabled lifecycle expiration)", bucket);
            }
        }
        for (const plan of plans(resources)) {
            for (const rule of rulesOf(plan).filter((entry) => entry.deleteAfterDays === undefined)) {
                report(`rule ${rule.name} keeps recovery points forever (no lifecycle.deleteAfter)`, plan);
            }
        }
    },
});

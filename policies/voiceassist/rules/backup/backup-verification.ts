import { atLeast, parseSchedule, restoreTestingPlansFor } from "../../../lib/backups";
import { automatedRule } from "../../../lib/rule";
import { requireDatabases } from "../../voiceassist";

export default automatedRule({
    name: "backup-verification",
    items: ["VA-9.2.4"],
    description:
        "Backups are verified weekly: each primary PostgreSQL database is in an AWS Backup restore testing selection (type RDS, by ARN or all, its tags meeting the selection's protectedResourceConditions) of a restore testing plan scheduled at least weekly, which restores a recent recovery point and validates it.",
    severity: "high",
    remediationSteps: "The kit's restore testing plan runs every Sunday (cron(0 5 ? * SUN *)) over RDS and EBS recovery points. In your own program, add aws.backup.RestoreTestingPlan + RestoreTestingSelection (protectedResourceType RDS).",
    validate: (context) => {
        for (const database of requireDatabases(context)) {
            // Only the plans whose selections cover this database count for how often it is tested.
            const plans = restoreTestingPlansFor(context.resources, database);
            if (plans.length === 0) {
                context.report("is in no scheduled AWS Backup restore test, so nothing verifies its backups", database);
            } else if (!plans.some((plan) => atLeast(parseSchedule(String(plan.props.scheduleExpression)), "weekly"))) {
                context.report(`is restore-tested less often than weekly (${plans.map((plan) => String(plan.props.scheduleExpression)).join(", ")})`, database);
            }
        }
    },
});

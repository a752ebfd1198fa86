import { RESTORE_TESTING_PLAN, atLeast, parseSchedule, restoreTested } from "../../../lib/backups";
import { ofType } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { requireDatabases } from "../../voiceassist";

export default automatedRule({
    name: "backup-verification",
    items: ["VA-9.2.4"],
    description:
        "Backups are verified weekly: each primary PostgreSQL database is in an AWS Backup restore testing selection (type RDS, by ARN or all) of a restore testing plan scheduled at least weekly, which restores a recent recovery point and validates it.",
    severity: "high",
    remediationSteps: "The kit's restore testing plan runs every Sunday (cron(0 5 ? * SUN *)) over RDS and EBS recovery points. In your own program, add aws.backup.RestoreTestingPlan + RestoreTestingSelection (protectedResourceType RDS).",
    validate: (context) => {
        const weekly = ofType(context.resources, RESTORE_TESTING_PLAN).some((plan) => typeof plan.props.scheduleExpression === "string" && atLeast(parseSchedule(plan.props.scheduleExpression), "weekly"));
        for (const database of requireDatabases(context)) {
            if (!restoreTested(context.resources, database)) {
                context.report("is in no scheduled AWS Backup restore test, so nothing verifies its backups", database);
            } else if (!weekly) {
                context.report("is restore-tested less often than weekly", database);
            }
        }
    },
});

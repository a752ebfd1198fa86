import { restoreTested } from "../../../lib/backups";

import { automatedRule } from "../../../lib/rule";
import { requireDatabases } from "../../pbx";

export default automatedRule({
    name: "db-backup-verification",
    items: ["WP-1.2.2.3"],
    description:
        "Each primary PostgreSQL database's backups are verified by AWS Backup restore testing: a scheduled aws:backup/restoreTestingPlan with a restoreTestingSelection of type RDS (Aurora for clusters) covering all such resources (\"*\"), the database itself, or resources matching conditions. AWS Backup then restores a recent recovery point on schedule and reports the result.",
    severity: "high",
    remediationSteps:
        "The kit creates a weekly restore testing plan with an RDS selection. In your own program, add aws.backup.RestoreTestingPlan (scheduleExpression) and aws.backup.RestoreTestingSelection (protectedResourceType \"RDS\", protectedResourceArns [\"*\"] or the database ARN).",
    validate: ({ resources, report }) => {
        for (const database of requireDatabases({ resources, report })) {
            if (!restoreTested(resources, database)) {
                report("is in no scheduled AWS Backup restore test, so nothing verifies its backups can be restored", database);
            }
        }
    },
});

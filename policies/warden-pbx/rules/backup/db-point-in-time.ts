import { rulesCovering } from "../../../lib/backups";
import { backupRetention } from "../../../lib/databases";
import { automatedRule } from "../../../lib/rule";
import { requireDatabases } from "../../pbx";

export default automatedRule({
    name: "db-point-in-time",
    items: ["WP-1.2.2.6"],
    description:
        "Each primary PostgreSQL database can be restored to a point in time: RDS automated backups are on (backupRetentionPeriod >= 1 keeps transaction logs for PITR) or an AWS Backup rule covering it has enableContinuousBackup.",
    severity: "medium",
    remediationSteps: "Keep backupRetentionPeriod >= 1 on the instance (the kit uses 30), or set enableContinuousBackup: true on the Backup plan rule.",
    validate: ({ resources, report }) => {
        for (const database of requireDatabases({ resources, report })) {
            if ((backupRetention(database) ?? 1) < 1 && !rulesCovering(resources, database).some((rule) => rule.continuous)) {
                report("cannot be restored to a point in time: automated backups are off and no continuous AWS Backup covers it", database);
            }
        }
    },
});

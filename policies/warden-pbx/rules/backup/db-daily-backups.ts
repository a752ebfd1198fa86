import { atLeast, rulesCovering } from "../../../lib/backups";
import { backupRetention, primaryPostgres } from "../../../lib/databases";
import { automatedRule } from "../../../lib/rule";

export default automatedRule({
    name: "db-daily-backups",
    items: ["WP-1.2.2.1"],
    description:
        "Each primary PostgreSQL database is backed up automatically at least daily: RDS automated backups are on (backupRetentionPeriod of 1 day or more: a daily snapshot plus transaction logs), or an AWS Backup plan whose selection covers the database has a rule scheduled at least daily.",
    severity: "critical",
    remediationSteps:
        "The kit sets backupRetentionPeriod from `readiness-kit:wardenBackupRetentionDays` and selects the database in its AWS Backup plan (daily at 02:00 UTC). In your own program, set backupRetentionPeriod >= 1 on the instance or add it to an aws.backup.Selection of a plan with a daily rule.",
    validate: ({ resources, report }) => {
        const databases = primaryPostgres(resources);
        if (databases.length === 0) {
            report("no PostgreSQL database exists to back up");
        }
        for (const database of databases) {
            const automated = (backupRetention(database) ?? 1) >= 1;
            const planned = rulesCovering(resources, database).some((rule) => atLeast(rule.schedule, "daily"));
            if (!automated && !planned) {
                report("has automated backups off (backupRetentionPeriod 0) and no daily AWS Backup rule covers it", database);
            }
        }
    },
});

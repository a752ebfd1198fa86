import { backupRetention } from "../../../lib/databases";
import { rulesCovering } from "../../../lib/backups";
import { automatedRule } from "../../../lib/rule";
import { requireDatabases } from "../../voiceassist";

export default automatedRule<{ minDays: number }>({
    name: "backup-retention",
    items: ["VA-5.3.5"],
    description: "Each primary PostgreSQL database keeps backups at least minDays (30): the longest of RDS's backupRetentionPeriod and the lifecycle (deleteAfter) of the AWS Backup rules covering it.",
    severity: "high",
    remediationSteps: "The kit keeps 30 days (`readiness-kit:voiceassistBackupRetentionDays`) in RDS and in the backup plan. In your own program, set backupRetentionPeriod and the rule's lifecycle.deleteAfter to 30 or more.",
    config: { minDays: { type: "integer", minimum: 1, default: 30, description: "Shortest backup retention, in days." } },
    validate: (context) => {
        for (const database of requireDatabases(context)) {
            const rds = backupRetention(database) ?? 1;
            const plans = rulesCovering(context.resources, database).map((rule) => rule.deleteAfterDays ?? Infinity);
            const longest = Math.max(rds, ...plans);
            if (longest < context.config.minDays) {
                context.report(`keeps backups ${longest} days (RDS backupRetentionPeriod ${rds}${plans.length > 0 ? `, AWS Backup ${plans.join("/")}` : ""}); at least ${context.config.minDays} are required`, database);
            }
        }
    },
});

import { rulesCovering } from "../../../lib/backups";
import { backupRetention } from "../../../lib/databases";
import { automatedRule } from "../../../lib/rule";
import { requireDatabases } from "../../pbx";

export default automatedRule<{ minDays: number }>({
    name: "db-backup-retention",
    items: ["WP-1.2.2.2"],
    description:
        "Each primary PostgreSQL database keeps its backups at least minDays (30): RDS backupRetentionPeriod, or the deleteAfter lifecycle of an AWS Backup rule covering the database (a rule without deleteAfter keeps recovery points until deleted).",
    severity: "high",
    remediationSteps:
        "In the kit, set `readiness-kit:wardenBackupRetentionDays` to 30 or more. In your own program, set backupRetentionPeriod: 30 (RDS allows up to 35) or a Backup plan rule with lifecycle.deleteAfter >= 30.",
    config: { minDays: { type: "integer", minimum: 1, default: 30, description: "Days database backups must be kept." } },
    validate: ({ resources, config, report }) => {
        for (const database of requireDatabases({ resources, report })) {
            const rds = backupRetention(database) ?? 1;
            const plans = rulesCovering(resources, database).map((rule) => rule.deleteAfterDays ?? Infinity);
            const longest = Math.max(rds, ...plans);
            if (longest < config.minDays) {
                report(`keeps backups ${longest} days (RDS backupRetentionPeriod ${rds}${plans.length > 0 ? `, AWS Backup ${plans.join("/")}` : ""}); at least ${config.minDays} are required`, database);
            }
        }
    },
});

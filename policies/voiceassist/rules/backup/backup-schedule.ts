import { rulesCovering } from "../../../lib/backups";
import { backupRetention } from "../../../lib/databases";
import { automatedRule } from "../../../lib/rule";
import { requireDatabases } from "../../voiceassist";

export default automatedRule<{ hour: number; timezone: string }>({
    name: "backup-schedule",
    items: ["VA-5.3.2", "VA-9.2.1"],
    description:
        "Each primary PostgreSQL database is backed up daily at `hour` o'clock: an AWS Backup rule covering it runs daily (cron) at that hour in `timezone` (scheduleExpressionTimezone, UTC when unset), or RDS's automated backup window (backupWindow) starts at that hour UTC with automated backups on (backupRetentionPeriod at least 1).",
    severity: "high",
    remediationSteps: "The kit's daily rule runs cron(0 2 * * ? *) in UTC and the RDS backup window is 02:00-02:30. In your own program, set the rule's schedule to cron(0 2 * * ? *) (or backupWindow \"02:00-02:30\").",
    config: {
        hour: { type: "integer", minimum: 0, maximum: 23, default: 2, description: "Hour of the daily backup." },
        timezone: { type: "string", default: "UTC", description: "Time zone of that hour." },
    },
    validate: (context) => {
        for (const database of requireDatabases(context)) {
            const rules = rulesCovering(context.resources, database);
            const planned = rules.some((rule) => rule.schedule?.frequency === "daily" && rule.schedule.hour === context.config.hour && String(rule.rule.scheduleExpressionTimezone ?? "UTC") === context.config.timezone);
            const window = typeof database.props.backupWindow === "string" ? database.props.backupWindow : undefined;
            const windowHour = window ? Number(window.split(":")[0]) : undefined;
            // The window only times automated backups, which a retention period of 0 (or none stated) turns off.
            const retention = backupRetention(database);
            const automated = retention !== undefined && retention >= 1;
            if (!planned && !(context.config.timezone === "UTC" && windowHour === context.config.hour && automated)) {
                const windowSeen = window ? [`backupWindow ${window}${automated ? "" : ` with backupRetentionPeriod ${retention ?? "unset"}, so no automated backups`}`] : [];
                const seen = [...rules.map((rule) => rule.schedule?.expression ?? "(no schedule)"), ...windowSeen];
                context.report(`is not backed up daily at ${String(context.config.hour).padStart(2, "0")}:00 ${context.config.timezone} (${seen.join(", ") || "no schedule"})`, database);
            }
        }
    },
});

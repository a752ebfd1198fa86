import { rulesCovering } from "../../../lib/backups";

import { automatedRule } from "../../../lib/rule";
import { requireDatabases } from "../../pbx";

export default automatedRule<{ hour: number }>({
    name: "db-backup-time",
    items: ["WP-5.1.2.1"],
    description:
        "Each primary PostgreSQL database is backed up daily at `hour` (2 AM): a covering AWS Backup rule scheduled daily at that hour (in its scheduleExpressionTimezone, UTC by default), or an RDS backupWindow starting at that hour (UTC).",
    severity: "high",
    remediationSteps: "The kit schedules its daily rule at cron(0 2 * * ? *) and sets backupWindow 02:00-02:30. Use the same schedule (or set `hour` to your off-peak hour).",
    config: { hour: { type: "integer", minimum: 0, maximum: 23, default: 2, description: "Hour of the daily backup." } },
    validate: ({ resources, config, report }) => {
        for (const database of requireDatabases({ resources, report })) {
            const planned = rulesCovering(resources, database).some((rule) => rule.schedule?.frequency === "daily" && rule.schedule.hour === config.hour);
            const window = typeof database.props.backupWindow === "string" ? Number(database.props.backupWindow.split(":")[0]) === config.hour : false;
            if (!planned && !window) {
                report(`is not backed up daily at ${String(config.hour).padStart(2, "0")}:00 (no daily AWS Backup rule at that hour, backupWindow ${database.props.backupWindow ?? "chosen by RDS"})`, database);
            }
        }
    },
});

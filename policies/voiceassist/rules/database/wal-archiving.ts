import { backupRetention } from "../../../lib/databases";
import { automatedRule } from "../../../lib/rule";
import { requireDatabases } from "../../voiceassist";

export default automatedRule({
    name: "wal-archiving",
    items: ["VA-9.1.5"],
    description:
        "WAL is archived: RDS archives each primary's write-ahead log continuously (every 5 minutes, for point-in-time restore) while automated backups are on, so backupRetentionPeriod must be at least 1 day.",
    severity: "high",
    remediationSteps: "The kit keeps 30 days of automated backups (`readiness-kit:voiceassistBackupRetentionDays`). In your own program, set backupRetentionPeriod to 1-35 days.",
    validate: (context) => {
        for (const database of requireDatabases(context)) {
            const days = backupRetention(database) ?? 1;
            if (days < 1) {
                context.report("does not archive its WAL: automated backups are off (backupRetentionPeriod 0)", database);
            }
        }
    },
});

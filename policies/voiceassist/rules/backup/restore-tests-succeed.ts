import { alarmsOn, requireAlarm } from "../../../lib/alarms";
import { restoreTested } from "../../../lib/backups";
import { automatedRule } from "../../../lib/rule";
import { requireDatabases } from "../../voiceassist";

export default automatedRule({
    name: "restore-tests-succeed",
    items: ["VA-9.2.7"],
    description:
        "Restores are tested and their outcome watched: each primary PostgreSQL database is in a scheduled AWS Backup restore test, and a CloudWatch alarm on AWS/Backup NumberOfRestoreJobsFailed fires above 0 and notifies a subscribed SNS topic, so a failed restore reaches people.",
    severity: "high",
    remediationSteps: "The kit's restore testing plan covers RDS and an alarm on NumberOfRestoreJobsFailed notifies the alerts topic. In your own program, add both.",
    validate: (context) => {
        const databases = requireDatabases(context);
        for (const database of databases.filter((entry) => !restoreTested(context.resources, entry))) {
            context.report("is in no scheduled AWS Backup restore test", database);
        }
        if (databases.length > 0) {
            requireAlarm(context.resources, { what: "failed restore jobs", candidates: alarmsOn(context.resources, "AWS/Backup", ["NumberOfRestoreJobsFailed"]), threshold: { direction: "above", limit: 0 } }, context.report);
        }
    },
});

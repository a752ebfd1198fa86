import { automatedRule } from "../../../lib/rule";
import { requirePbxMetricAlarm } from "../../monitoring";

export default automatedRule<{ maxFailedLogins: number }>({
    name: "security-events-alert",
    items: ["WP-4.3.1.2.6"],
    description:
        "A CloudWatch alarm on Warden/PBX FailedLogins counts failed logins per period (statistic Sum), fires once more than maxFailedLogins occur in a period and notifies a subscribed SNS topic.",
    severity: "high",
    remediationSteps: "The kit alarms when the Sum of FailedLogins > 10 in 5 minutes. In your own program, add an alarm on Warden/PBX FailedLogins (statistic Sum, GreaterThanThreshold at most 20) with alarmActions to a subscribed topic.",
    config: { maxFailedLogins: { type: "number", minimum: 0, default: 20, description: "Failed logins per period an alarm may tolerate." } },
    validate: (context) => {
        // Counts are whole numbers: tolerating N means firing at N + 1 ("> N" or ">= N + 1").
        requirePbxMetricAlarm(context, "FailedLogins", "failed logins (Warden/PBX FailedLogins)", {
            threshold: { direction: "above", limit: Math.floor(context.config.maxFailedLogins) + 1, inclusive: true, measure: "count" },
        });
    },
});

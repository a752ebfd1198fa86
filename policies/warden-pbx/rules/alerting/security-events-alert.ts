import { automatedRule } from "../../../lib/rule";
import { requirePbxMetricAlarm } from "../../monitoring";

export default automatedRule<{ maxFailedLogins: number }>({
    name: "security-events-alert",
    items: ["WP-4.3.1.2.6"],
    description: "A CloudWatch alarm on Warden/PBX FailedLogins fires above a threshold of at most maxFailedLogins per period and notifies a subscribed SNS topic.",
    severity: "high",
    remediationSteps: "The kit alarms when FailedLogins > 10 in 5 minutes. In your own program, add an alarm on Warden/PBX FailedLogins with alarmActions to a subscribed topic.",
    config: { maxFailedLogins: { type: "number", minimum: 0, default: 20, description: "Failed logins per period an alarm may tolerate." } },
    validate: (context) => {
        requirePbxMetricAlarm(context, "FailedLogins", "failed logins (Warden/PBX FailedLogins)", { threshold: { direction: "above", limit: context.config.maxFailedLogins } });
    },
});

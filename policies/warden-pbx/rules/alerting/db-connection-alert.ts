import { automatedRule } from "../../../lib/rule";
import { requirePbxMetricAlarm } from "../../monitoring";

export default automatedRule<{ maxThreshold: number }>({
    name: "db-connection-alert",
    items: ["WP-4.3.1.2.2"],
    description: "A CloudWatch alarm on Warden/PBX DatabaseConnectionErrors fires when errors go above a threshold of at most maxThreshold per period and notifies a subscribed SNS topic.",
    severity: "critical",
    remediationSteps: "The kit alarms when DatabaseConnectionErrors > 0. In your own program, add an alarm (Warden/PBX DatabaseConnectionErrors, GreaterThanThreshold 0) with alarmActions to a subscribed topic.",
    config: { maxThreshold: { type: "number", minimum: 0, default: 1, description: "Highest error count an alarm may tolerate." } },
    validate: (context) => {
        requirePbxMetricAlarm(context, "DatabaseConnectionErrors", "database connection failures (Warden/PBX DatabaseConnectionErrors)", { threshold: { direction: "above", limit: context.config.maxThreshold } });
    },
});

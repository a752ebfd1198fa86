import { automatedRule } from "../../../lib/rule";
import { requirePbxMetricAlarm } from "../../monitoring";

export default automatedRule<{ errorsToAlert: number }>({
    name: "db-connection-alert",
    items: ["WP-4.3.1.2.2"],
    description:
        "A CloudWatch alarm on Warden/PBX DatabaseConnectionErrors fires once errorsToAlert (1: the first failure) connection errors occur in a period (GreaterThanThreshold below errorsToAlert or GreaterThanOrEqualToThreshold at most errorsToAlert, counted with Sum) and notifies a subscribed SNS topic.",
    severity: "critical",
    remediationSteps: "The kit alarms when DatabaseConnectionErrors > 0 (Sum). In your own program, add an alarm (Warden/PBX DatabaseConnectionErrors, statistic Sum, GreaterThanThreshold 0 or GreaterThanOrEqualToThreshold 1) with alarmActions to a subscribed topic.",
    config: { errorsToAlert: { type: "integer", minimum: 1, default: 1, description: "Connection errors in one period at which the alarm must fire (1: the first failure)." } },
    validate: (context) => {
        requirePbxMetricAlarm(context, "DatabaseConnectionErrors", "database connection failures (Warden/PBX DatabaseConnectionErrors)", {
            threshold: { direction: "above", limit: context.config.errorsToAlert, inclusive: true, measure: "count" },
        });
    },
});

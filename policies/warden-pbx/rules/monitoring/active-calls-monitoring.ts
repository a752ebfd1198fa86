import { automatedRule } from "../../../lib/rule";
import { requirePbxMetricAlarm } from "../../monitoring";

export default automatedRule({
    name: "active-calls-monitoring",
    items: ["WP-4.1.2.3"],
    description: "A CloudWatch alarm on Warden/PBX ConcurrentCalls notifies a subscribed SNS topic, so active calls are watched; some PBX host's cloud-init must configure publishing of the Warden/PBX namespace (e.g. the CloudWatch agent scraping the PBX's Prometheus endpoint into it).",
    severity: "high",
    remediationSteps: "The kit alarms on Warden/PBX ConcurrentCalls. In your own program, add an aws.cloudwatch.MetricAlarm (namespace Warden/PBX, metricName ConcurrentCalls) with alarmActions to a subscribed topic.",
    validate: (context) => {
        requirePbxMetricAlarm(context, "ConcurrentCalls", "active calls (Warden/PBX ConcurrentCalls)");
    },
});

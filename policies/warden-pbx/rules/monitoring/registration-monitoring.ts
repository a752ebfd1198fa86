import { automatedRule } from "../../../lib/rule";
import { requirePbxMetricAlarm } from "../../monitoring";

export default automatedRule({
    name: "registration-monitoring",
    items: ["WP-4.1.2.2"],
    description: "A CloudWatch alarm on Warden/PBX ActiveRegistrations notifies a subscribed SNS topic, so SIP registrations are watched; some PBX host's cloud-init must configure publishing of the Warden/PBX namespace (e.g. the CloudWatch agent scraping the PBX's Prometheus endpoint into it).",
    severity: "high",
    remediationSteps: "The kit alarms on Warden/PBX ActiveRegistrations. In your own program, add an aws.cloudwatch.MetricAlarm (namespace Warden/PBX, metricName ActiveRegistrations) with alarmActions to a subscribed topic.",
    validate: (context) => {
        requirePbxMetricAlarm(context, "ActiveRegistrations", "SIP registrations (Warden/PBX ActiveRegistrations)");
    },
});

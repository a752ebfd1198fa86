import { automatedRule } from "../../../lib/rule";
import { requirePbxMetricAlarm } from "../../monitoring";

export default automatedRule({
    name: "call-quality-monitoring",
    items: ["WP-4.1.2.4"],
    description: "A CloudWatch alarm on Warden/PBX CallQualityMOS notifies a subscribed SNS topic, so call quality (MOS) are watched; some PBX host's cloud-init must configure publishing of the Warden/PBX namespace (e.g. the CloudWatch agent scraping the PBX's Prometheus endpoint into it).",
    severity: "high",
    remediationSteps: "The kit alarms on Warden/PBX CallQualityMOS. In your own program, add an aws.cloudwatch.MetricAlarm (namespace Warden/PBX, metricName CallQualityMOS) with alarmActions to a subscribed topic.",
    validate: (context) => {
        requirePbxMetricAlarm(context, "CallQualityMOS", "call quality (Warden/PBX CallQualityMOS)");
    },
});

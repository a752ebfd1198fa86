import { automatedRule } from "../../../lib/rule";
import { requirePbxMetricAlarm } from "../../monitoring";

export default automatedRule<{ minMos: number }>({
    name: "call-quality-alert",
    items: ["WP-4.3.1.2.5"],
    description: "A CloudWatch alarm on Warden/PBX CallQualityMOS fires when the MOS falls below a threshold of at least minMos (3.5: below it callers notice) and notifies a subscribed SNS topic.",
    severity: "high",
    remediationSteps: "The kit alarms when CallQualityMOS < 3.5. In your own program, add an alarm (Warden/PBX CallQualityMOS, LessThanThreshold 3.5) with alarmActions to a subscribed topic.",
    config: { minMos: { type: "number", minimum: 1, maximum: 5, default: 3.5, description: "MOS below which quality counts as degraded." } },
    validate: (context) => {
        requirePbxMetricAlarm(context, "CallQualityMOS", "call quality (Warden/PBX CallQualityMOS)", { threshold: { direction: "below", limit: context.config.minMos } });
    },
});

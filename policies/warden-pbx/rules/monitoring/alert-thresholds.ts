import { alarms, routingProblem } from "../../../lib/alarms";
import { automatedRule } from "../../../lib/rule";

export default automatedRule({
    name: "alert-thresholds",
    items: ["WP-4.1.1.6"],
    description:
        "Stack-wide over every CloudWatch metric alarm of the program: each has a threshold (static, or an anomaly band) and a comparison, and notifies an SNS topic of the program that has at least one subscription. An alarm nobody receives is not an alert.",
    severity: "high",
    remediationSteps:
        "Give each alarm `comparisonOperator`, `threshold` and `alarmActions: [topic.arn]` of a topic with an aws.sns.TopicSubscription (the kit routes all alarms to its alerts topic, subscribed by `readiness-kit:wardenAlertEmail`).",
    validate: ({ resources, report }) => {
        const all = alarms(resources);
        if (all.length === 0) {
            report("no CloudWatch alarm exists");
        }
        for (const alarm of all) {
            if (alarm.direction === undefined || (alarm.threshold === undefined && alarm.resource.props.thresholdMetricId === undefined)) {
                report("has no threshold and comparison", alarm.resource);
            }
            const routing = routingProblem(resources, alarm);
            if (routing) {
                report(routing, alarm.resource);
            }
        }
    },
});

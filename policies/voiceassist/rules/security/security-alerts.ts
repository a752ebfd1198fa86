import { TOPIC, subscriptionsOf } from "../../../lib/alarms";
import { ofType, referenced, referrers } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";

const EVENT_RULE = "aws:cloudwatch/eventRule:EventRule";
const EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const DETECTOR = "aws:guardduty/detector:Detector";

export default automatedRule({
    name: "security-alerts",
    items: ["VA-11.5.6"],
    description:
        "Security findings reach people: GuardDuty is enabled, and an EventBridge rule matching GuardDuty findings (eventPattern source aws.guardduty) targets an SNS topic of the program that has a subscription.",
    severity: "critical",
    remediationSteps: "The kit routes GuardDuty findings through an EventBridge rule to the alerts topic. In your own program, add aws.cloudwatch.EventRule {eventPattern: {source: [\"aws.guardduty\"]}} and an EventTarget to a subscribed topic.",
    validate: ({ resources, report }) => {
        if (!ofType(resources, DETECTOR).some((detector) => detector.props.enable !== false)) {
            report("GuardDuty is not enabled (no aws:guardduty/detector), so there are no findings to alert on");
        }
        const rules = ofType(resources, EVENT_RULE).filter((rule) => {
            // Read outside the try: an unknown pattern must reach the SDK (status unknown), not count as no match.
            const pattern = String(rule.props.eventPattern ?? "{}");
            try {
                return ((JSON.parse(pattern) as Record<string, unknown>).source as unknown[] | undefined)?.includes("aws.guardduty") === true;
            } catch {
                return false;
            }
        });
        if (rules.length === 0) {
            report("no EventBridge rule forwards GuardDuty findings");
            return;
        }
        const delivered = rules.some((rule) => referrers(resources, rule, "rule", EVENT_TARGET).some((target) => referenced(target, "arn", TOPIC).some((topic) => subscriptionsOf(resources, topic).length > 0)));
        if (!delivered) {
            report("forwards GuardDuty findings to no subscribed SNS topic", rules[0]);
        }
    },
});

import { TOPIC, alarms, subscriptionsOf } from "../../../lib/alarms";
import { referenced } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";

export default automatedRule({
    name: "email-alerts",
    items: ["WP-4.3.1.1"],
    description: "Alerts reach people by e-mail: an SNS topic that CloudWatch alarms notify (alarmActions) has an `email` or `email-json` subscription (SNS delivers it over SMTP).",
    severity: "high",
    remediationSteps:
        "In the kit, set `readiness-kit:wardenAlertEmail`; it subscribes that address to the alerts topic. In your own program, add an aws.sns.TopicSubscription {protocol: \"email\", endpoint} to the topic your alarms notify.",
    validate: ({ resources, report }) => {
        const topics = [...new Map(alarms(resources).flatMap((alarm) => referenced(alarm.resource, "alarmActions", TOPIC)).map((topic) => [topic.urn, topic])).values()];
        if (topics.length === 0) {
            report("no CloudWatch alarm notifies an SNS topic of this program");
            return;
        }
        const email = topics.some((topic) => subscriptionsOf(resources, topic).some((subscription) => ["email", "email-json"].includes(String(subscription.props.protocol))));
        if (!email) {
            report(`no e-mail subscription on the alarm topic(s) ${topics.map((topic) => `"${topic.name}"`).join(", ")}`, topics[0]);
        }
    },
});

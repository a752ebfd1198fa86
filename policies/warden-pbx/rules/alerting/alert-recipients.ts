import { TOPIC, alarms, subscriptionsOf } from "../../../lib/alarms";
import { referenced } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export default automatedRule<{ minRecipients: number }>({
    name: "alert-recipients",
    items: ["WP-4.3.1.3"],
    description:
        "Every SNS topic that CloudWatch alarms notify has at least minRecipients subscriptions with an endpoint, and every e-mail endpoint is a well-formed address.",
    severity: "high",
    remediationSteps: "In the kit, set `readiness-kit:wardenAlertEmail` (a list is accepted). In your own program, add aws.sns.TopicSubscription resources with the on-call addresses.",
    config: { minRecipients: { type: "integer", minimum: 1, default: 1, description: "Fewest subscriptions per alarm topic." } },
    validate: ({ resources, config, report }) => {
        const topics = [...new Map(alarms(resources).flatMap((alarm) => referenced(alarm.resource, "alarmActions", TOPIC)).map((topic) => [topic.urn, topic])).values()];
        if (topics.length === 0) {
            report("no CloudWatch alarm notifies an SNS topic of this program, so alerts have no recipients");
        }
        for (const topic of topics) {
            const subscriptions = subscriptionsOf(resources, topic);
            if (subscriptions.length < config.minRecipients) {
                report(`has ${subscriptions.length} subscription(s); at least ${config.minRecipients} recipient(s) are required`, topic);
            }
            for (const subscription of subscriptions) {
                const protocol = String(subscription.props.protocol);
                const endpoint = subscription.props.endpoint;
                if (typeof endpoint !== "string" || endpoint.trim() === "" || (protocol.startsWith("email") && !EMAIL.test(endpoint))) {
                    report(`has ${protocol} endpoint "${endpoint ?? ""}", which reaches nobody`, subscription);
                }
            }
        }
    },
});

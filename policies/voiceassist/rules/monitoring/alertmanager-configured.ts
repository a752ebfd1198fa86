import { automatedRule } from "../../../lib/rule";
import { requireAlertmanager } from "./stack";

export default automatedRule({
    name: "alertmanager-configured",
    items: ["VA-8.5.1"],
    description:
        "Alertmanager is configured: a kube-prometheus-stack release keeps alertmanager.enabled and its alertmanager.config has a route naming a receiver and at least one receiver with an integration (pagerduty, slack, email, webhook, ...); the routes name only receivers that exist.",
    severity: "high",
    remediationSteps: "The kit writes alertmanager.config with PagerDuty, Slack, e-mail and heartbeat receivers. In your own program, set alertmanager.config in the release's values.",
    validate: (context) => {
        for (const config of requireAlertmanager(context)) {
            if (typeof config.route.receiver !== "string") {
                context.report("has no default receiver (alertmanager.config.route.receiver)", config.release);
            }
            if (!config.receivers.some((receiver) => receiver.integrations.length > 0)) {
                context.report("has no receiver that notifies anyone (alertmanager.config.receivers)", config.release);
            }
            const names = new Set(config.receivers.map((receiver) => receiver.name));
            const walk = (route: Record<string, unknown>): string[] => [...(typeof route.receiver === "string" ? [route.receiver] : []), ...((route.routes ?? []) as Record<string, unknown>[]).flatMap(walk)];
            for (const missing of [...new Set(walk(config.route))].filter((name) => !names.has(name))) {
                context.report(`routes alerts to receiver "${missing}", which is not defined`, config.release);
            }
        }
    },
});

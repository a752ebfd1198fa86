import { isFalse, valueAt } from "../../../lib/helm";
import { alertRoutingProblem } from "../../../lib/observability";
import { automatedRule } from "../../../lib/rule";
import { requireAlertmanager } from "./stack";

export default automatedRule({
    name: "alert-heartbeat",
    items: ["VA-8.5.6"],
    description:
        "A test alert is sent and received all the time: kube-prometheus-stack's always-firing Watchdog alert is on (defaultRules.create and defaultRules.rules.general not false) and Alertmanager routes it to a receiver with an integration (a dead man's switch such as a heartbeat webhook, which pages when the test alerts stop arriving).",
    severity: "high",
    remediationSteps: "The kit routes alertname=Watchdog to a heartbeat webhook receiver. In your own program, add that route and a receiver pointing at your dead man's switch service.",
    validate: (context) => {
        for (const config of requireAlertmanager(context)) {
            if (isFalse(valueAt(config.release, "defaultRules.create")) || isFalse(valueAt(config.release, "defaultRules.rules.general"))) {
                context.report("switches off the Watchdog test alert (defaultRules)", config.release);
                continue;
            }
            const problem = alertRoutingProblem(context.resources, { labels: { alertname: "Watchdog", severity: "none" } });
            if (problem) {
                context.report(`sends the Watchdog test alert nowhere: it ${problem}`, config.release);
            }
        }
    },
});

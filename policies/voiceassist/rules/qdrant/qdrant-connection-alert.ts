import { qdrantReleases } from "../../../lib/datastores";
import { isTrue, valueAt } from "../../../lib/helm";
import { alertRoutingProblem, alertsOn } from "../../../lib/observability";
import { automatedRule } from "../../../lib/rule";
import { eachRelease } from "../../voiceassist";

export default automatedRule({
    name: "qdrant-connection-alert",
    items: ["VA-7.1.5"],
    description:
        "Qdrant connectivity is tested continuously: Prometheus scrapes each Qdrant release (metrics.serviceMonitor.enabled) and an alert rule on up{job=...qdrant...} exists and Alertmanager routes it to a receiver.",
    severity: "high",
    remediationSteps: "The kit enables the chart's ServiceMonitor and the QdrantDown alert (up{job=\"qdrant\"} < 1). In your own program, do the same.",
    validate: (context) => {
        eachRelease(context, qdrantReleases(context.resources), "Qdrant", (release) => {
            if (!isTrue(valueAt(release, "metrics.serviceMonitor.enabled"))) {
                context.report("is not scraped by Prometheus (metrics.serviceMonitor.enabled)", release);
            }
        });
        const alerts = alertsOn(context.resources, /\bup\{[^}]*qdrant/);
        if (alerts.length === 0) {
            context.report("no Prometheus alert rule watches whether Qdrant is up");
        } else if (alerts.every((alert) => alertRoutingProblem(context.resources, alert) !== undefined)) {
            context.report(`alert ${alerts[0].alert} ${alertRoutingProblem(context.resources, alerts[0])}`, alerts[0].source);
        }
    },
});

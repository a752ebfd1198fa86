import { PolicyResource } from "@pulumi/policy";
import { qdrantReleases } from "../../../lib/datastores";
import { isTrue, releaseNamespace, valueAt } from "../../../lib/helm";
import { namespaceOf } from "../../../lib/kubernetes";
import { SERVICE_MONITOR, alertRoutingProblem, alertsOn } from "../../../lib/observability";
import { ofType } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { eachRelease } from "../../voiceassist";

/** ServiceMonitors of the program selecting the release's Services (the chart labels them app.kubernetes.io/instance=<release>). */
function monitorsOf(resources: PolicyResource[], release: PolicyResource): PolicyResource[] {
    const instance = String(release.props.name ?? release.name);
    return ofType(resources, SERVICE_MONITOR).filter((monitor) => {
        const spec = (monitor.props.spec ?? {}) as { selector?: { matchLabels?: Record<string, unknown> } };
        return namespaceOf(monitor) === releaseNamespace(release) && spec.selector?.matchLabels?.["app.kubernetes.io/instance"] === instance;
    });
}

function scrapesOverHttps(monitor: PolicyResource): boolean {
    const endpoints = ((monitor.props.spec ?? {}) as { endpoints?: { scheme?: unknown }[] }).endpoints ?? [];
    return endpoints.length > 0 && endpoints.every((endpoint) => endpoint.scheme === "https");
}

export default automatedRule({
    name: "qdrant-connection-alert",
    items: ["VA-7.1.5"],
    description:
        "Qdrant connectivity is tested continuously: Prometheus scrapes each Qdrant release — with the chart's ServiceMonitor (metrics.serviceMonitor.enabled), which scrapes plain HTTP and so only a release without TLS, or with a ServiceMonitor of the program in the release's namespace selecting app.kubernetes.io/instance=<release>, over https when the release serves TLS (config.service.enable_tls) — and an alert rule on up{job=...qdrant...} exists and Alertmanager routes it to a receiver.",
    severity: "high",
    remediationSteps:
        "The kit's Qdrant serves TLS only, so it disables the chart's ServiceMonitor and adds one scraping /metrics over https with the service CA and the API key, plus the QdrantDown alert (up{job=\"qdrant\"} < 1). In your own program, do the same.",
    validate: (context) => {
        eachRelease(context, qdrantReleases(context.resources), "Qdrant", (release) => {
            const tls = isTrue(valueAt(release, "config.service.enable_tls"));
            const chartMonitor = isTrue(valueAt(release, "metrics.serviceMonitor.enabled"));
            const monitors = monitorsOf(context.resources, release);
            if (tls && chartMonitor) {
                context.report("serves TLS only, but the chart's ServiceMonitor (metrics.serviceMonitor.enabled) scrapes plain HTTP, so Prometheus sees it down; disable it and add a ServiceMonitor scraping over https", release);
            }
            if (tls && monitors.some((monitor) => !scrapesOverHttps(monitor))) {
                context.report("serves TLS only, but a ServiceMonitor scrapes it over plain HTTP (endpoints[].scheme is not https), so Prometheus sees it down", release);
            }
            if (!chartMonitor && monitors.length === 0) {
                context.report("is not scraped by Prometheus (neither metrics.serviceMonitor.enabled nor a ServiceMonitor selecting app.kubernetes.io/instance of the release)", release);
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

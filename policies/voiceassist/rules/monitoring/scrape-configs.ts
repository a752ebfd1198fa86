import { isFalse, valueAt } from "../../../lib/helm";
import { POD_MONITOR, SERVICE_MONITOR } from "../../../lib/observability";
import { ofType, tagsOf } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { eachPrometheusStack } from "./stack";

export default automatedRule({
    name: "scrape-configs",
    items: ["VA-8.1.3"],
    description:
        "Prometheus has scrape configuration for the application: the program defines ServiceMonitors/PodMonitors that the kube-prometheus-stack release selects (serviceMonitorSelectorNilUsesHelmValues/podMonitorSelectorNilUsesHelmValues false, or monitors labelled release=<release name>), or additionalScrapeConfigs.",
    severity: "medium",
    remediationSteps: "The kit sets prometheus.prometheusSpec.serviceMonitorSelectorNilUsesHelmValues: false and creates ServiceMonitors. In your own program, do the same or label monitors with release: <release name>.",
    validate: (context) => {
        const monitors = ofType(context.resources, SERVICE_MONITOR, POD_MONITOR);
        eachPrometheusStack(context, (release) => {
            const releaseName = String(release.props.name ?? release.name);
            const extra = valueAt(release, "prometheus.prometheusSpec.additionalScrapeConfigs");
            const selected = monitors.filter((monitor) => {
                const openKey = monitor.type === SERVICE_MONITOR ? "serviceMonitorSelectorNilUsesHelmValues" : "podMonitorSelectorNilUsesHelmValues";
                return isFalse(valueAt(release, ["prometheus", "prometheusSpec", openKey])) || tagsOf(monitor).release === releaseName;
            });
            if (selected.length === 0 && !(Array.isArray(extra) && extra.length > 0)) {
                context.report(monitors.length === 0 ? "scrapes nothing of the application: no ServiceMonitor, PodMonitor or additionalScrapeConfigs" : `selects none of the program's ServiceMonitors/PodMonitors (label them release: ${releaseName} or set serviceMonitorSelectorNilUsesHelmValues: false)`, release);
            }
        });
    },
});

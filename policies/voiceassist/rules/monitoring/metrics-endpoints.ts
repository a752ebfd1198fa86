import { POD_MONITOR, SERVICE_MONITOR } from "../../../lib/observability";
import { SERVICE, describeObject, namespaceOf, podLabels, selectorMatches } from "../../../lib/kubernetes";
import { ofType } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { NO_APP_WORKLOAD, appWorkloads } from "../../voiceassist";

export default automatedRule({
    name: "metrics-endpoints",
    items: ["VA-8.1.2"],
    description:
        "Every VoiceAssist workload exposes metrics to Prometheus: a ServiceMonitor selects a Service of its namespace whose selector matches the workload's pods, or a PodMonitor selects its pods (kube-prometheus-stack ignores prometheus.io/scrape annotations).",
    severity: "medium",
    remediationSteps: "The kit's ServiceMonitor scrapes /metrics of the api-gateway Service. In your own program, add a monitoring.coreos.com/v1 ServiceMonitor (kubernetes.apiextensions.CustomResource) (or PodMonitor) per workload.",
    validate: ({ resources, report }) => {
        const workloads = appWorkloads(resources);
        if (workloads.length === 0) {
            report(NO_APP_WORKLOAD);
        }
        const services = ofType(resources, SERVICE);
        for (const workload of workloads) {
            const labels = podLabels(workload);
            const matchingServices = services.filter((service) => namespaceOf(service) === namespaceOf(workload) && Object.keys(((service.props.spec ?? {}) as Record<string, unknown>).selector ?? {}).length > 0 && Object.entries(((service.props.spec as Record<string, unknown>).selector ?? {}) as Record<string, string>).every(([key, value]) => labels[key] === value));
            const byService = ofType(resources, SERVICE_MONITOR).some((monitor) => matchingServices.some((service) => selectorMatches((monitor.props.spec as Record<string, unknown> | undefined)?.selector, ((service.props.metadata ?? {}) as Record<string, unknown>).labels as Record<string, string> ?? {})));
            const byPod = ofType(resources, POD_MONITOR).some((monitor) => selectorMatches((monitor.props.spec as Record<string, unknown> | undefined)?.selector, labels));
            if (!byService && !byPod) {
                report(`${describeObject(workload)} exposes no metrics endpoint Prometheus scrapes (no ServiceMonitor or PodMonitor selects it)`, workload);
            }
        }
    },
});

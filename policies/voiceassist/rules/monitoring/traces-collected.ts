import { valueAt } from "../../../lib/helm";
import { jaegerReleases, otelCollectors } from "../../../lib/observability";
import { automatedRule } from "../../../lib/rule";

export default automatedRule({
    name: "traces-collected",
    items: ["VA-8.3.3"],
    description:
        "Traces reach Jaeger: each OpenTelemetry collector release has a traces pipeline (config.service.pipelines.traces) with an otlp receiver and an exporter whose endpoint is the collector service of a Jaeger release of the program.",
    severity: "medium",
    remediationSteps: "The kit's collector pipeline receives OTLP and exports to jaeger-collector.monitoring.svc:4317. In your own program, configure the same pipeline.",
    validate: ({ resources, report }) => {
        const collectors = otelCollectors(resources);
        const jaeger = jaegerReleases(resources).map((release) => String(release.props.name ?? release.name));
        if (collectors.length === 0) {
            report("no OpenTelemetry collector release collects traces");
        }
        for (const collector of collectors) {
            const pipeline = (valueAt(collector, "config.service.pipelines.traces") ?? {}) as Record<string, unknown>;
            const receivers = (pipeline.receivers ?? []) as unknown[];
            const exporters = ((pipeline.exporters ?? []) as unknown[]).map(String);
            const exporterConfigs = (valueAt(collector, "config.exporters") ?? {}) as Record<string, Record<string, unknown>>;
            const toJaeger = exporters.some((name) => {
                const endpoint = String(exporterConfigs[name]?.endpoint ?? "");
                return jaeger.some((release) => endpoint.replace(/^[a-z]+:\/\//, "").startsWith(`${release}-collector`) || endpoint.replace(/^[a-z]+:\/\//, "").startsWith(`${release}.`));
            });
            if (!receivers.map(String).some((name) => name.startsWith("otlp"))) {
                report("has no traces pipeline receiving OTLP (config.service.pipelines.traces.receivers)", collector);
            }
            if (!toJaeger) {
                report(`exports traces to ${exporters.map((name) => String(exporterConfigs[name]?.endpoint ?? name)).join(", ") || "nowhere"}, not to a Jaeger collector of the program`, collector);
            }
        }
    },
});

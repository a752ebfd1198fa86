import { jaegerReleases, otelCollectors } from "../../../lib/observability";
import { automatedRule } from "../../../lib/rule";
import { describeContainer, parseUrl, requireVariables, variableValue } from "../../voiceassist";

export default automatedRule({
    name: "otel-instrumentation",
    items: ["VA-8.3.2"],
    description:
        "Every container of the application exports OpenTelemetry traces to the program's collector: OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is a URL whose host is the service of an OpenTelemetry collector or Jaeger release of the program, and OTEL_SDK_DISABLED is not true.",
    severity: "medium",
    remediationSteps: "The kit sets OTEL_EXPORTER_OTLP_ENDPOINT=http://otel-collector.monitoring.svc:4317 and OTEL_SERVICE_NAME. In your own program, set them in the app's ConfigMap.",
    validate: (context) => {
        const targets = [...otelCollectors(context.resources), ...jaegerReleases(context.resources)].map((release) => String(release.props.name ?? release.name));
        if (targets.length === 0) {
            context.report("no OpenTelemetry collector or Jaeger release exists to receive traces");
        }
        requireVariables(context, ["OTEL_EXPORTER_OTLP_ENDPOINT"], (entry, _name, source) => {
            const value = variableValue(entry.env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")) ?? variableValue(source);
            const host = parseUrl(value)?.hostname ?? "";
            if (targets.length > 0 && !targets.some((target) => host === target || host.startsWith(`${target}.`) || host.startsWith(`${target}-`))) {
                context.report(`${describeContainer(entry)} exports traces to ${value ?? "an address this program does not show"}, not to a collector of the program (${targets.join(", ")})`, entry.workload);
            }
            if (variableValue(entry.env.get("OTEL_SDK_DISABLED")) === "true") {
                context.report(`${describeContainer(entry)} disables the OpenTelemetry SDK (OTEL_SDK_DISABLED)`, entry.workload);
            }
        });
    },
});

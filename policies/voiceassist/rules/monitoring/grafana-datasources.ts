import { isFalse } from "../../../lib/helm";
import { grafanaValue } from "../../../lib/observability";
import { automatedRule } from "../../../lib/rule";
import { eachGrafana } from "./grafana";

export default automatedRule<{ types: string[] }>({
    name: "grafana-datasources",
    items: ["VA-8.2.3"],
    description:
        "Grafana has a data source of every type in `types` (prometheus, loki): kube-prometheus-stack's own Prometheus data source (grafana.sidecar.datasources.defaultDatasourceEnabled, on by default) counts as prometheus; others come from additionalDataSources or datasources.\"datasources.yaml\".",
    severity: "medium",
    remediationSteps: "The kit adds Loki (and Jaeger) in grafana.additionalDataSources. In your own program, add them there.",
    config: { types: { type: "array", items: { type: "string" }, default: ["prometheus", "loki"], description: "Data source types Grafana must have." } },
    validate: (context) => {
        eachGrafana(context, (instance) => {
            const listed = [
                ...((grafanaValue(instance, ["additionalDataSources"]) ?? []) as Record<string, unknown>[]),
                ...((((grafanaValue(instance, ["datasources", "datasources.yaml"]) ?? {}) as Record<string, unknown>).datasources ?? []) as Record<string, unknown>[]),
            ].map((source) => String(source.type ?? "").toLowerCase());
            const own = instance.prefix.length > 0 && !isFalse(grafanaValue(instance, ["sidecar", "datasources", "defaultDatasourceEnabled"]));
            const types = new Set([...listed, ...(own ? ["prometheus"] : [])]);
            const missing = context.config.types.filter((type) => !types.has(type));
            if (missing.length > 0) {
                context.report(`has no ${missing.join(", ")} data source`, instance.release);
            }
        });
    },
});

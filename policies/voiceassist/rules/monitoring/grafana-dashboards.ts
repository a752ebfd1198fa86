import { CONFIG_MAP } from "../../../lib/kubernetes";
import { grafanaValue } from "../../../lib/observability";
import { ofType, tagsOf } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { eachGrafana } from "./grafana";

export default automatedRule<{ minDashboards: number; sidecarLabel: string }>({
    name: "grafana-dashboards",
    items: ["VA-8.2.4"],
    description:
        "Grafana loads at least minDashboards (7) dashboards the program provides: entries of the dashboards value (dashboards.<provider>.<name>, with dashboardProviders) plus ConfigMaps carrying the sidecar label (sidecarLabel, grafana_dashboard).",
    severity: "low",
    remediationSteps: "The kit provisions the seven VoiceAssist dashboards through grafana.dashboards. In your own program, add them there or as ConfigMaps labelled grafana_dashboard: \"1\".",
    config: {
        minDashboards: { type: "integer", minimum: 1, default: 7, description: "Fewest dashboards." },
        sidecarLabel: { type: "string", default: "grafana_dashboard", description: "Label of dashboard ConfigMaps the Grafana sidecar loads." },
    },
    validate: (context) => {
        const configMaps = ofType(context.resources, CONFIG_MAP).filter((configMap) => context.config.sidecarLabel in tagsOf(configMap)).length;
        eachGrafana(context, (instance) => {
            const providers = Object.values((grafanaValue(instance, ["dashboards"]) ?? {}) as Record<string, Record<string, unknown>>);
            const fromValues = providers.reduce((count, provider) => count + Object.keys(provider ?? {}).length, 0);
            const total = fromValues + configMaps;
            if (total < context.config.minDashboards) {
                context.report(`loads ${total} dashboards; at least ${context.config.minDashboards} are required`, instance.release);
            }
        });
    },
});

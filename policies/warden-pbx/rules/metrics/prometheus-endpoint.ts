import { automatedRule } from "../../../lib/rule";
import { eachPbxConfig, setting } from "../../pbx";

export default automatedRule({
    name: "prometheus-endpoint",
    items: ["WP-4.4.1.1"],
    description: "The PBX's config.yml enables its Prometheus metrics endpoint (monitoring.prometheus.enabled: true).",
    severity: "low",
    remediationSteps: "The kit's config.yml sets monitoring.prometheus.enabled: true (the CloudWatch agent scrapes it). In your own program, set it in the config.yml cloud-init writes.",
    validate: (context) => {
        eachPbxConfig(context, (file, source) => {
            if (setting(file.data, "monitoring.prometheus.enabled") !== true) {
                context.report(`${file.source} does not enable the Prometheus metrics endpoint (monitoring.prometheus.enabled)`, source);
            }
        });
    },
});

import { isFalse, valueAt } from "../../../lib/helm";
import { PROMETHEUS_RULE, alertRules } from "../../../lib/observability";
import { tagsOf } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { eachPrometheusStack } from "./stack";

export default automatedRule<{ minRules: number }>({
    name: "alert-rules",
    items: ["VA-8.1.4"],
    description:
        "Prometheus has alert rules for VoiceAssist: at least minRules alert rules of the program (PrometheusRule objects the release selects, by ruleSelectorNilUsesHelmValues: false or the release label, or additionalPrometheusRulesMap), and the chart's default rules are not switched off (defaultRules.create).",
    severity: "high",
    remediationSteps: "The kit ships its rules in additionalPrometheusRulesMap and keeps the default rules. In your own program, add rules there or as PrometheusRule objects.",
    config: { minRules: { type: "integer", minimum: 1, default: 1, description: "Fewest alert rules of the program's own." } },
    validate: (context) => {
        eachPrometheusStack(context, (release) => {
            const releaseName = String(release.props.name ?? release.name);
            const open = isFalse(valueAt(release, "prometheus.prometheusSpec.ruleSelectorNilUsesHelmValues"));
            const rules = alertRules(context.resources).filter((rule) => rule.source.urn === release.urn || (rule.source.type === PROMETHEUS_RULE && (open || tagsOf(rule.source).release === releaseName)));
            if (rules.length < context.config.minRules) {
                context.report(`evaluates ${rules.length} alert rules of the program's own; at least ${context.config.minRules} are required`, release);
            }
            if (isFalse(valueAt(release, "defaultRules.create"))) {
                context.report("switches the chart's default alert rules off (defaultRules.create: false)", release);
            }
        });
    },
});

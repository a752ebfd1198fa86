import { valueAt } from "../../../lib/helm";
import { DEFAULT_PROMETHEUS_RETENTION, durationDays } from "../../../lib/observability";
import { automatedRule } from "../../../lib/rule";
import { eachPrometheusStack } from "./stack";

export default automatedRule<{ minDays: number }>({
    name: "prometheus-retention",
    items: ["VA-8.1.5"],
    description: `Prometheus keeps at least minDays (30) days of metrics: prometheus.prometheusSpec.retention of each kube-prometheus-stack release (the chart keeps ${DEFAULT_PROMETHEUS_RETENTION} when unset) is at least that long, on a persistent volume (storageSpec.volumeClaimTemplate).`,
    severity: "medium",
    remediationSteps: "The kit sets retention 30d (`readiness-kit:voiceassistPrometheusRetention`) with a 100Gi volume. In your own program, set prometheus.prometheusSpec.retention and storageSpec.",
    config: { minDays: { type: "number", minimum: 1, default: 30, description: "Shortest metrics retention, in days." } },
    validate: (context) => {
        eachPrometheusStack(context, (release) => {
            const retention = valueAt(release, "prometheus.prometheusSpec.retention") ?? DEFAULT_PROMETHEUS_RETENTION;
            const days = durationDays(retention);
            if (days === undefined || days < context.config.minDays) {
                context.report(`keeps metrics ${String(retention)}; at least ${context.config.minDays}d is required`, release);
            }
            if (valueAt(release, "prometheus.prometheusSpec.storageSpec.volumeClaimTemplate") === undefined) {
                context.report("keeps metrics on the pod's ephemeral storage (no storageSpec.volumeClaimTemplate), so the retention does not survive a restart", release);
            }
        });
    },
});

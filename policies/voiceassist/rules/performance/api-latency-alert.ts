import { alarmsOn } from "../../../lib/alarms";
import { alertsOn, requireWatched } from "../../../lib/observability";
import { automatedRule } from "../../../lib/rule";

export default automatedRule<{ maxSeconds: number; percentile: number }>({
    name: "api-latency-alert",
    items: ["VA-12.3.2"],
    description:
        "API response time is watched against the checklist's target: a Prometheus alert on histogram_quantile(percentile, ...http_request_duration_seconds...) fires above at most maxSeconds (0.2) and Alertmanager routes it to a receiver, or a CloudWatch alarm on AWS/ApplicationELB TargetResponseTime with extended statistic p<percentile> fires above at most maxSeconds and notifies a subscribed topic.",
    severity: "high",
    remediationSteps: "The kit ships ApiLatencyP95High: histogram_quantile(0.95, ...) > 0.2. In your own program, add such a rule (or an ALB TargetResponseTime p95 alarm with threshold 0.2).",
    config: {
        maxSeconds: { type: "number", minimum: 0, default: 0.2, description: "Largest P95 response time, in seconds." },
        percentile: { type: "number", minimum: 0, maximum: 1, default: 0.95, description: "Percentile watched." },
    },
    validate: ({ resources, config, report }) => {
        const quantile = new RegExp(`histogram_quantile\\(\\s*${config.percentile}\\s*,[^]*http_(server_)?request_duration_seconds`);
        const statistic = `p${Math.round(config.percentile * 100)}`;
        requireWatched(
            resources,
            {
                what: `API response time (P${Math.round(config.percentile * 100)})`,
                alarms: alarmsOn(resources, "AWS/ApplicationELB", ["TargetResponseTime"]),
                alerts: alertsOn(resources, quantile),
                threshold: { direction: "above", limit: config.maxSeconds, unit: " s" },
                alarmSpec: { check: (alarm) => (alarm.resource.props.extendedStatistic === statistic ? undefined : `uses statistic ${String(alarm.resource.props.extendedStatistic ?? alarm.resource.props.statistic ?? "(none)")}, not ${statistic}`) },
            },
            report,
        );
    },
});

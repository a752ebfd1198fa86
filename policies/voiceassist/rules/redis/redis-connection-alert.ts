import { redisReleases } from "../../../lib/datastores";
import { isTrue, valueAt } from "../../../lib/helm";
import { alertRoutingProblem, alertsOn } from "../../../lib/observability";
import { automatedRule } from "../../../lib/rule";
import { eachRelease } from "../../voiceassist";

export default automatedRule({
    name: "redis-connection-alert",
    items: ["VA-6.1.6"],
    description:
        "Redis connectivity is tested continuously: each Redis release runs its metrics exporter (metrics.enabled, which connects to Redis and publishes redis_up), and a Prometheus alert rule on redis_up exists and Alertmanager routes it to a receiver.",
    severity: "high",
    remediationSteps: "The kit enables the chart's exporter and the RedisDown alert (redis_up < 1, severity critical). In your own program, set metrics.enabled and add such a PrometheusRule.",
    validate: (context) => {
        const alerts = alertsOn(context.resources, /\bredis_up\b/);
        eachRelease(context, redisReleases(context.resources), "Redis", (release) => {
            if (!isTrue(valueAt(release, "metrics.enabled"))) {
                context.report("runs no metrics exporter (metrics.enabled), so nothing tests the connection", release);
            }
        });
        if (alerts.length === 0) {
            context.report("no Prometheus alert rule watches redis_up");
        } else if (alerts.every((alert) => alertRoutingProblem(context.resources, alert) !== undefined)) {
            context.report(`alert ${alerts[0].alert} ${alertRoutingProblem(context.resources, alerts[0])}`, alerts[0].source);
        }
    },
});

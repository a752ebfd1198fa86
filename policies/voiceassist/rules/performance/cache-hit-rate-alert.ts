import { alertsOn, requireWatched } from "../../../lib/observability";
import { automatedRule } from "../../../lib/rule";

export default automatedRule<{ minRatio: number }>({
    name: "cache-hit-rate-alert",
    items: ["VA-12.3.5"],
    description:
        "The cache hit rate is watched against the checklist's target: a Prometheus alert on the Redis hit ratio (redis_keyspace_hits_total against redis_keyspace_misses_total, from the release's exporter) fires below at least minRatio (0.8) and Alertmanager routes it to a receiver.",
    severity: "medium",
    remediationSteps: "The kit ships RedisCacheHitRateLow: hits / (hits + misses) < 0.8. In your own program, add such a rule and enable the Redis exporter (metrics.enabled).",
    config: { minRatio: { type: "number", minimum: 0, maximum: 1, default: 0.8, description: "Lowest acceptable hit ratio." } },
    validate: ({ resources, config, report }) => {
        const alerts = alertsOn(resources, /redis_keyspace_hits(_total)?[^]*redis_keyspace_misses(_total)?/);
        requireWatched(resources, { what: "the cache hit rate", alarms: [], alerts, threshold: { direction: "below", limit: config.minRatio } }, report);
    },
});

import { redisSetting } from "../../../lib/datastores";
import { asNumber } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { describeContainer, effectiveRedisConfig, redisRelease, requireVariables, variableValue } from "../../voiceassist";

export default automatedRule<{ variable: string }>({
    name: "redis-max-connections",
    items: ["VA-3.3.6"],
    description:
        "Every container of the application caps its Redis connection pool (`variable`) at a positive integer, and all replicas together stay below Redis's maxclients (10000 unless the release's configuration sets it).",
    severity: "low",
    remediationSteps: "The kit sets REDIS_MAX_CONNECTIONS=50. In your own program, set it in the app's ConfigMap.",
    config: { variable: { type: "string", default: "REDIS_MAX_CONNECTIONS", description: "Variable holding the pool's maximum connections." } },
    validate: (context) => {
        let total = 0;
        requireVariables(context, [context.config.variable], (entry, name, source) => {
            const value = asNumber(variableValue(source));
            if (value === undefined || !Number.isInteger(value) || value < 1) {
                context.report(`${describeContainer(entry)} sets ${name} to ${variableValue(source) ?? "a value this program does not show"}, not a connection count`, entry.workload);
                return;
            }
            total += value * (asNumber(((entry.workload.props.spec ?? {}) as Record<string, unknown>).replicas) ?? 1);
        });
        const release = redisRelease(context.resources);
        const config = release ? effectiveRedisConfig(context, release) : undefined;
        const limit = config ? (asNumber(redisSetting(config, "maxclients")) ?? 10000) : undefined;
        if (release && limit !== undefined && total > limit) {
            context.report(`would receive up to ${total} connections; maxclients is ${limit}`, release);
        }
    },
});

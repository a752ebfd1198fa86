import { redisReleases, redisSetting } from "../../../lib/datastores";
import { automatedRule } from "../../../lib/rule";
import { eachRelease, effectiveRedisConfig } from "../../voiceassist";

export default automatedRule<{ policy: string }>({
    name: "redis-eviction-policy",
    items: ["VA-6.1.4"],
    description: "Each Redis release's effective configuration sets maxmemory-policy to `policy` (allkeys-lru).",
    severity: "medium",
    remediationSteps: "The kit's commonConfiguration sets `maxmemory-policy allkeys-lru` (`readiness-kit:voiceassistRedisMaxmemoryPolicy`). In your own program, add it to commonConfiguration.",
    config: { policy: { type: "string", default: "allkeys-lru", description: "Required eviction policy." } },
    validate: (context) => {
        eachRelease(context, redisReleases(context.resources), "Redis", (release) => {
            const config = effectiveRedisConfig(context, release);
            const policy = config ? redisSetting(config, "maxmemory-policy") : undefined;
            if (config && policy !== context.config.policy) {
                context.report(`evicts with ${policy ?? "noeviction (the default)"}; ${context.config.policy} is required`, release);
            }
        });
    },
});

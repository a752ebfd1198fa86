import { redisBytes, redisReleases, redisSetting } from "../../../lib/datastores";
import { valueAt } from "../../../lib/helm";
import { automatedRule } from "../../../lib/rule";
import { eachRelease, effectiveRedisConfig } from "../../voiceassist";

/** Kubernetes quantities ("3Gi", "2560Mi", "2G") in bytes. */
function quantityBytes(value: unknown): number | undefined {
    const match = typeof value === "string" || typeof value === "number" ? /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(String(value)) : null;
    if (!match) {
        return undefined;
    }
    const factor: Record<string, number> = { "": 1, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };
    return Number(match[1]) * factor[match[2] ?? ""];
}

export default automatedRule<{ maxmemory: string }>({
    name: "redis-maxmemory",
    items: ["VA-6.1.5"],
    description:
        "Each Redis release's effective configuration sets maxmemory to `maxmemory` (2gb), and the master container's memory limit (master.resources.limits.memory) is set and larger, so Redis evicts before Kubernetes kills it.",
    severity: "medium",
    remediationSteps: "The kit sets `maxmemory 2gb` and a 3Gi memory limit on the master (`readiness-kit:voiceassistRedisMaxmemory`). In your own program, set both.",
    config: { maxmemory: { type: "string", pattern: "^\\d+(k|kb|m|mb|g|gb)?$", default: "2gb", description: "Required maxmemory (redis.conf units)." } },
    validate: (context) => {
        const wanted = redisBytes(context.config.maxmemory) ?? 0;
        eachRelease(context, redisReleases(context.resources), "Redis", (release) => {
            const config = effectiveRedisConfig(context, release);
            const setting = config ? redisSetting(config, "maxmemory") : undefined;
            const bytes = redisBytes(setting);
            if (config && bytes !== wanted) {
                context.report(`sets maxmemory ${setting ?? "(none: unlimited)"}; ${context.config.maxmemory} is required`, release);
            }
            const limit = quantityBytes(valueAt(release, "master.resources.limits.memory"));
            if (limit === undefined) {
                context.report("sets no memory limit on the Redis master (master.resources.limits.memory)", release);
            } else if (bytes !== undefined && limit <= bytes) {
                context.report(`limits the Redis master to ${String(valueAt(release, "master.resources.limits.memory"))}, not above maxmemory ${setting}, so Kubernetes kills it before it evicts`, release);
            }
        });
    },
});

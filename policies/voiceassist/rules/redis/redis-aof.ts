import { redisReleases, redisSetting } from "../../../lib/datastores";
import { automatedRule } from "../../../lib/rule";
import { eachRelease, effectiveRedisConfig } from "../../voiceassist";
import { persistenceProblem } from "./persistence";

export default automatedRule<{ fsync: string[] }>({
    name: "redis-aof",
    items: ["VA-6.1.3", "VA-6.2.1"],
    description:
        "Each Redis release persists with an append-only file: the master's effective configuration (commonConfiguration, or the Bitnami default `appendonly yes`, then master.configuration, or instead the ConfigMap of this program named by existingConfigmap; then master.extraFlags) has appendonly yes with appendfsync in `fsync`, on a persistent volume (master.persistence) of a StorageClass that retains it.",
    severity: "critical",
    remediationSteps: "The kit's commonConfiguration sets `appendonly yes` and `appendfsync everysec`, with persistence on the gp3-encrypted (Retain) class. In your own program, keep appendonly yes and master.persistence.enabled.",
    config: { fsync: { type: "array", items: { type: "string" }, default: ["everysec", "always"], description: "Accepted appendfsync policies." } },
    validate: (context) => {
        eachRelease(context, redisReleases(context.resources), "Redis", (release) => {
            const config = effectiveRedisConfig(context, release);
            if (config && redisSetting(config, "appendonly") !== "yes") {
                context.report(`runs without an append-only file (appendonly ${redisSetting(config, "appendonly") ?? "no"})`, release);
            } else if (config && !context.config.fsync.includes(redisSetting(config, "appendfsync") ?? "everysec")) {
                context.report(`syncs its append-only file with appendfsync ${redisSetting(config, "appendfsync")}; one of ${context.config.fsync.join(", ")} is required`, release);
            }
            const problem = persistenceProblem(context.resources, release);
            if (problem) {
                context.report(problem, release);
            }
        });
    },
});

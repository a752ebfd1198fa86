import { redisReleases, redisSavePoints } from "../../../lib/datastores";
import { automatedRule } from "../../../lib/rule";
import { eachRelease, effectiveRedisConfig } from "../../voiceassist";
import { persistenceProblem } from "./persistence";

export default automatedRule<{ maxIntervalSeconds: number }>({
    name: "redis-rdb",
    items: ["VA-6.1.3", "VA-6.2.2"],
    description:
        "Each Redis release takes RDB snapshots: the master's effective configuration keeps at least one `save <seconds> <changes>` rule (the Bitnami default `save \"\"` turns them off) whose interval is at most maxIntervalSeconds, on a persistent volume of a StorageClass that retains it.",
    severity: "high",
    remediationSteps: "The kit's commonConfiguration sets `save 900 1`, `save 300 10` and `save 60 10000`. In your own program, override commonConfiguration with save rules (the chart's default disables RDB).",
    config: { maxIntervalSeconds: { type: "integer", minimum: 1, default: 3600, description: "Longest interval between snapshots of a changed dataset, in seconds." } },
    validate: (context) => {
        eachRelease(context, redisReleases(context.resources), "Redis", (release) => {
            const config = effectiveRedisConfig(context, release);
            const points = config ? redisSavePoints(config) : [];
            if (config && points.length === 0) {
                context.report('takes no RDB snapshots (no save rule, or save "")', release);
            } else if (config && !points.some((point) => point.seconds <= context.config.maxIntervalSeconds)) {
                context.report(`snapshots at most every ${Math.min(...points.map((point) => point.seconds))} s; at least every ${context.config.maxIntervalSeconds} s is required`, release);
            }
            const problem = persistenceProblem(context.resources, release);
            if (problem) {
                context.report(problem, release);
            }
        });
    },
});

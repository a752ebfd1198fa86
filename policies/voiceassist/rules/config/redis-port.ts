import { automatedRule } from "../../../lib/rule";
import { describeContainer, redisPort, redisRelease, requireVariables, variableValue } from "../../voiceassist";

export default automatedRule({
    name: "redis-port",
    items: ["VA-3.3.2"],
    description: "Every container of the application sets REDIS_PORT to the port of the Redis release's master service (master.service.ports.redis, 6379 by default).",
    severity: "medium",
    remediationSteps: "The kit sets REDIS_PORT=6379. In your own program, set REDIS_PORT to the release's master.service.ports.redis.",
    validate: (context) => {
        const release = redisRelease(context.resources);
        if (!release) {
            context.report("no Redis release exists for REDIS_PORT to name");
        }
        requireVariables(context, ["REDIS_PORT"], (entry, name, source) => {
            const value = variableValue(source);
            if (release && value !== String(redisPort(release))) {
                context.report(`${describeContainer(entry)} sets ${name} to ${value ?? "a value this program does not show"}; the Redis master listens on ${redisPort(release)}`, entry.workload);
            }
        });
    },
});

import { asNumber } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { describeContainer, requireVariables, variableValue } from "../../voiceassist";

export default automatedRule<{ variable: string }>({
    name: "redis-ttl",
    items: ["VA-3.3.5"],
    description: "Every container of the application sets the cache TTL (`variable`) to a positive number of seconds, so cached entries expire.",
    severity: "low",
    remediationSteps: "The kit sets REDIS_CACHE_TTL=3600. In your own program, set it in the app's ConfigMap.",
    config: { variable: { type: "string", default: "REDIS_CACHE_TTL", description: "Variable holding the cache TTL in seconds." } },
    validate: (context) => {
        requireVariables(context, [context.config.variable], (entry, name, source) => {
            const value = asNumber(variableValue(source));
            if (value === undefined || value <= 0) {
                context.report(`${describeContainer(entry)} sets ${name} to ${variableValue(source) ?? "a value this program does not show"}, not a positive number of seconds`, entry.workload);
            }
        });
    },
});

import { automatedRule } from "../../../lib/rule";
import { generatorLengthProblem, weakPassword } from "../../../lib/secrets";
import { describeContainer, redisPassword, redisRelease, requireVariables, variableGenerator, variableValue } from "../../voiceassist";

export default automatedRule<{ minLength: number }>({
    name: "redis-password",
    items: ["VA-3.3.3"],
    description:
        "Every container of the application gets REDIS_PASSWORD from a Kubernetes Secret whose value a random.RandomPassword of at least minLength characters generated, and it is the password the Redis release requires (auth.password, or the key of auth.existingSecret).",
    severity: "critical",
    remediationSteps: "The kit generates the Redis password (32 characters), stores it in the redis-auth Secret the chart reads (auth.existingSecret) and in the app's Secret. In your own program, do the same.",
    config: { minLength: { type: "integer", minimum: 8, default: 16, description: "Shortest password, in characters." } },
    validate: (context) => {
        const release = redisRelease(context.resources);
        const required = release ? redisPassword(context.resources, release) : undefined;
        if (!release) {
            context.report("no Redis release exists whose password REDIS_PASSWORD could hold");
        }
        requireVariables(context, ["REDIS_PASSWORD"], (entry, name, source) => {
            if (source.kind !== "secret") {
                context.report(`${describeContainer(entry)} takes ${name} from outside a Secret`, entry.workload);
                return;
            }
            const generator = variableGenerator(source);
            if (!generator) {
                context.report(`${describeContainer(entry)} gets ${name} from Secret ${source.name}, whose value no random.RandomPassword of this program produced`, source.object ?? entry.workload);
                return;
            }
            const problem = generatorLengthProblem(generator, context.config.minLength) ?? weakPassword(generator, context.config.minLength);
            if (problem) {
                context.report(`${name}: ${problem}`, generator);
            }
            if (release && required?.value !== variableValue(source)) {
                context.report(`${name} is not the password Redis requires (auth.password / auth.existingSecret)`, release);
            }
        });
    },
});

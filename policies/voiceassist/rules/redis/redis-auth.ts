import { redisAuthEnabled, redisReleases } from "../../../lib/datastores";
import { automatedRule } from "../../../lib/rule";
import { generatorLengthProblem, generatorOf } from "../../../lib/secrets";
import { eachRelease, redisPassword } from "../../voiceassist";

export default automatedRule<{ minLength: number }>({
    name: "redis-auth",
    items: ["VA-6.1.2"],
    description:
        "Each Redis release requires a password: auth.enabled is not false, and the password (auth.password, or the key of the Kubernetes Secret named by auth.existingSecret) is the output of a random.RandomPassword of at least minLength characters; a chart-generated or typed password fails.",
    severity: "critical",
    remediationSteps: "The kit generates the password (32 characters) into the redis-auth Secret and sets auth.existingSecret. In your own program, do the same.",
    config: { minLength: { type: "integer", minimum: 8, default: 16, description: "Shortest password, in characters." } },
    validate: (context) => {
        eachRelease(context, redisReleases(context.resources), "Redis", (release) => {
            if (!redisAuthEnabled(release)) {
                context.report("lets clients in without a password (auth.enabled: false)", release);
                return;
            }
            const password = redisPassword(context.resources, release);
            if (!password || password.value === undefined) {
                context.report("sets no password of the program (auth.password or a Secret of this program in auth.existingSecret), so the chart makes one up", release);
                return;
            }
            const generator = generatorOf(password.holder, password.property, password.value);
            if (!generator) {
                context.report("requires a password no random.RandomPassword of this program generated", password.holder);
                return;
            }
            const problem = generatorLengthProblem(generator, context.config.minLength);
            if (problem) {
                context.report(problem, generator);
            }
        });
    },
});

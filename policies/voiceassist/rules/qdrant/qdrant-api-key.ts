import { qdrantReleases } from "../../../lib/datastores";
import { valueAt } from "../../../lib/helm";
import { automatedRule } from "../../../lib/rule";
import { generatorLengthProblem, generatorOf } from "../../../lib/secrets";
import { eachRelease } from "../../voiceassist";

export default automatedRule<{ minLength: number }>({
    name: "qdrant-api-key",
    items: ["VA-7.1.2"],
    description:
        "Each Qdrant release requires an API key the program generated: values apiKey is the output of a random.RandomPassword of at least minLength characters (apiKey: true lets the chart invent one the application cannot be given; unset means no authentication).",
    severity: "critical",
    remediationSteps: "The kit generates the key (48 characters) and passes it as apiKey. In your own program, set apiKey from a random.RandomPassword result.",
    config: { minLength: { type: "integer", minimum: 16, default: 32, description: "Shortest API key, in characters." } },
    validate: (context) => {
        eachRelease(context, qdrantReleases(context.resources), "Qdrant", (release) => {
            const key = valueAt(release, "apiKey");
            if (typeof key !== "string" || key === "") {
                context.report(key === true ? "lets the chart generate its API key (apiKey: true), which the application is never given" : "requires no API key (values apiKey)", release);
                return;
            }
            const generator = generatorOf(release, "values", key);
            if (!generator) {
                context.report("requires an API key no random.RandomPassword of this program generated", release);
                return;
            }
            const problem = generatorLengthProblem(generator, context.config.minLength);
            if (problem) {
                context.report(problem, generator);
            }
        });
    },
});

import { valueAt } from "../../../lib/helm";
import { qdrantReleases } from "../../../lib/datastores";
import { automatedRule } from "../../../lib/rule";
import { generatorLengthProblem } from "../../../lib/secrets";
import { describeContainer, requireVariables, variableGenerator, variableValue } from "../../voiceassist";

export default automatedRule<{ minLength: number }>({
    name: "qdrant-api-key-variable",
    items: ["VA-3.4.4"],
    description:
        "Every container of the application gets QDRANT_API_KEY from a Kubernetes Secret whose value a random.RandomPassword of at least minLength characters generated, and it is the key the Qdrant release requires (values apiKey).",
    severity: "critical",
    remediationSteps: "The kit generates the Qdrant API key (48 characters), passes it to the qdrant release's apiKey and to the app's Secret. In your own program, do the same.",
    config: { minLength: { type: "integer", minimum: 16, default: 32, description: "Shortest API key, in characters." } },
    validate: (context) => {
        const release = qdrantReleases(context.resources)[0];
        if (!release) {
            context.report("no Qdrant release exists whose API key QDRANT_API_KEY could hold");
        }
        requireVariables(context, ["QDRANT_API_KEY"], (entry, name, source) => {
            const generator = source.kind === "secret" ? variableGenerator(source) : undefined;
            if (!generator) {
                context.report(`${describeContainer(entry)} does not get ${name} from a Secret holding a generated key`, entry.workload);
                return;
            }
            const problem = generatorLengthProblem(generator, context.config.minLength);
            if (problem) {
                context.report(`${name}: ${problem}`, generator);
            }
            if (release && valueAt(release, "apiKey") !== variableValue(source)) {
                context.report(`${name} is not the key Qdrant requires (values apiKey)`, release);
            }
        });
    },
});

import { externalRemoteKey, isExternalSecret } from "../../../lib/kubernetes";
import { automatedRule } from "../../../lib/rule";
import { secrets } from "../../../lib/secrets";
import { describeContainer, requireVariables, variableValue } from "../../voiceassist";

export default automatedRule<{ pattern: string }>({
    name: "openai-key",
    items: ["VA-3.5.2"],
    description:
        "Every container of the application gets OPENAI_API_KEY from a Kubernetes Secret (never a literal or ConfigMap): either the target of an ExternalSecret copying it from a Secrets Manager secret of the program (people hold the key; its value never reaches the program, and that it works is VA-3.5.1), or a Secret whose value looks like an OpenAI key (`pattern`) rather than a placeholder.",
    severity: "high",
    remediationSteps: "The kit syncs it from the voiceassist external-keys Secrets Manager secret (operators fill it) through an ExternalSecret. In your own program, do the same, or take it from a Pulumi config secret into a Kubernetes Secret.",
    config: { pattern: { type: "string", default: "^sk-[A-Za-z0-9_-]{20,}$", description: "Regular expression a real key matches." } },
    validate: (context) => {
        const pattern = new RegExp(context.config.pattern);
        requireVariables(context, ["OPENAI_API_KEY"], (entry, name, source) => {
            if (source.kind !== "secret") {
                context.report(`${describeContainer(entry)} takes ${name} from outside a Secret`, entry.workload);
                return;
            }
            if (isExternalSecret(source.object)) {
                const remote = externalRemoteKey(source.object!, source.key);
                if (!secrets(context.resources).some((secret) => secret.props.name === remote)) {
                    context.report(`${describeContainer(entry)} gets ${name} through ExternalSecret ${source.name} from ${remote ?? "no key"}, which is no Secrets Manager secret of this program`, source.object);
                }
                return;
            }
            const value = variableValue(source);
            if (value === undefined || !pattern.test(value)) {
                context.report(`${describeContainer(entry)} gets ${name} from Secret ${source.name}, whose value is not an OpenAI API key (placeholder or empty)`, source.object ?? entry.workload);
            }
        });
    },
});

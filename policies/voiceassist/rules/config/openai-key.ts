import { automatedRule } from "../../../lib/rule";
import { describeContainer, requireVariables, variableValue } from "../../voiceassist";

export default automatedRule<{ pattern: string }>({
    name: "openai-key",
    items: ["VA-3.5.2"],
    description: "Every container of the application gets OPENAI_API_KEY from a Kubernetes Secret (never a literal or ConfigMap) whose value, when the program shows it, looks like an OpenAI key (`pattern`) rather than a placeholder.",
    severity: "high",
    remediationSteps: "Set `readiness-kit:voiceassistOpenaiApiKey` with `pulumi config set --secret`; the kit passes it into the voiceassist-secrets Secret. In your own program, take it from a config secret into a Kubernetes Secret.",
    config: { pattern: { type: "string", default: "^sk-[A-Za-z0-9_-]{20,}$", description: "Regular expression a real key matches." } },
    validate: (context) => {
        const pattern = new RegExp(context.config.pattern);
        requireVariables(context, ["OPENAI_API_KEY"], (entry, name, source) => {
            if (source.kind !== "secret") {
                context.report(`${describeContainer(entry)} takes ${name} from outside a Secret`, entry.workload);
                return;
            }
            const value = variableValue(source);
            if (value === undefined || !pattern.test(value)) {
                context.report(`${describeContainer(entry)} gets ${name} from Secret ${source.name}, whose value is not an OpenAI API key (placeholder or empty)`, source.object ?? entry.workload);
            }
        });
    },
});

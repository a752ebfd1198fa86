import { automatedRule } from "../../../lib/rule";
import { DEFAULT_PASSWORDS } from "../../../lib/secrets";
import { CREDENTIAL_VARIABLE, describeContainer, eachAppContainer, variableValue } from "../../voiceassist";

export default automatedRule<{ placeholders: string[] }>({
    name: "no-placeholders",
    items: ["VA-3.1.5"],
    description:
        "No variable of the application's containers (literal, ConfigMap or Secret value the program shows) contains a template placeholder from `placeholders` (CHANGE_ME, ...), and no credential variable holds a well-known default password.",
    severity: "critical",
    remediationSteps: "The kit generates every secret with random.RandomPassword and takes external credentials from Pulumi config secrets (`readiness-kit:voiceassistOpenaiApiKey`, `...SmtpPassword`). In your own program, replace every placeholder the template left.",
    config: { placeholders: { type: "array", items: { type: "string" }, default: ["CHANGE_ME", "changeme", "your-secret-key", "your_api_key_here", "sk-your-key"], description: "Template placeholders that must not survive." } },
    validate: (context) => {
        eachAppContainer(context, (entry) => {
            for (const [name, source] of entry.env) {
                const value = variableValue(source);
                if (value === undefined) {
                    continue;
                }
                const placeholder = context.config.placeholders.find((text) => value.toLowerCase().includes(text.toLowerCase()));
                if (placeholder) {
                    context.report(`${describeContainer(entry)} still has the placeholder ${placeholder} in ${name}`, entry.workload);
                } else if (CREDENTIAL_VARIABLE.test(name) && DEFAULT_PASSWORDS.includes(value.toLowerCase())) {
                    context.report(`${describeContainer(entry)} sets ${name} to a well-known default`, entry.workload);
                }
            }
        });
    },
});

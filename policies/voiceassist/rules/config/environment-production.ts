import { literalVariableRule } from "./variables";

export default literalVariableRule({
    name: "environment-production",
    item: "VA-3.1.3",
    variable: "ENVIRONMENT",
    value: "production",
    severity: "high",
    remediation: "The kit sets ENVIRONMENT=production in the voiceassist-config ConfigMap. In your own program, set it in the app's ConfigMap or env.",
});

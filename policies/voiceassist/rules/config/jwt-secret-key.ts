import { generatedVariableRule } from "./variables";

export default generatedVariableRule({
    name: "jwt-secret-key",
    item: "VA-3.4.2",
    variable: "JWT_SECRET_KEY",
    minLength: 64,
    severity: "critical",
    remediation: "The kit generates JWT_SECRET_KEY with random.RandomPassword (length 64) into the voiceassist-secrets Secret. In your own program, do the same; never type or reuse it.",
});

import { generatedVariableRule } from "./variables";

export default generatedVariableRule({
    name: "encryption-key",
    item: "VA-3.4.3",
    variable: "ENCRYPTION_KEY",
    minLength: 32,
    bytes: true,
    severity: "critical",
    remediation: "The kit generates ENCRYPTION_KEY with random.RandomBytes (length 32) and passes its base64 output through the voiceassist-secrets Secret. In your own program, do the same.",
});

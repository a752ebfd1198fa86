import { literalVariableRule } from "./variables";

export default literalVariableRule({
    name: "log-level",
    item: "VA-3.1.4",
    variable: "LOG_LEVEL",
    value: "INFO",
    severity: "medium",
    remediation: "The kit sets LOG_LEVEL=INFO (DEBUG may write PHI to logs). In your own program, set it in the app's ConfigMap or env.",
});

import { automatedRule } from "../../../lib/rule";
import { requireSetting } from "./config-setting";

export default automatedRule({
    name: "mfa",
    items: ["WP-3.2.1.6"],
    description: "The PBX's config.yml enables multi-factor authentication (security.mfa.enabled: true).",
    severity: "medium",
    remediationSteps: "Set security.mfa.enabled: true in config.yml (the kit does).",
    validate: (context) => requireSetting(context, "security.mfa.enabled", (value) => value === true, "multi-factor authentication must be enabled"),
});

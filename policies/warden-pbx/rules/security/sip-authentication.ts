import { automatedRule } from "../../../lib/rule";
import { requireSetting } from "./config-setting";

export default automatedRule({
    name: "sip-authentication",
    items: ["WP-3.4.1.7"],
    description: "The PBX's config.yml requires SIP authentication (security.require_authentication: true).",
    severity: "critical",
    remediationSteps: "Set security.require_authentication: true in config.yml (the kit does).",
    validate: (context) => requireSetting(context, "security.require_authentication", (value) => value === true, "SIP requests must authenticate"),
});

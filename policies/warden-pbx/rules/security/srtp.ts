import { automatedRule } from "../../../lib/rule";
import { requireSetting } from "./config-setting";

export default automatedRule({
    name: "srtp",
    items: ["WP-3.4.1.8"],
    description: "The PBX's config.yml enables SRTP media encryption (security.enable_srtp: true).",
    severity: "medium",
    remediationSteps: "Set security.enable_srtp: true in config.yml (the kit does).",
    validate: (context) => requireSetting(context, "security.enable_srtp", (value) => value === true, "media must be encrypted with SRTP"),
});

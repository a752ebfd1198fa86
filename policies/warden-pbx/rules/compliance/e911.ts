import { automatedRule } from "../../../lib/rule";
import { requireSetting } from "../security/config-setting";

export default automatedRule({
    name: "e911",
    items: ["WP-3.5.1.1"],
    description: "The PBX's config.yml enables the E911 location service (features.e911.enabled: true), which tracks the dispatchable location of each extension.",
    severity: "critical",
    remediationSteps: "Set features.e911.enabled: true in config.yml (the kit does) and record locations in the admin panel.",
    validate: (context) => requireSetting(context, "features.e911.enabled", (value) => value === true, "E911 location tracking must be on"),
});

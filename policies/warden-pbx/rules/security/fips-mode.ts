import { automatedRule } from "../../../lib/rule";
import { requireSetting } from "./config-setting";

export default automatedRule({
    name: "fips-mode",
    items: ["WP-3.3.1.1"],
    description: "The PBX's config.yml enables FIPS mode and refuses to start without it (security.fips_mode and security.enforce_fips both true).",
    severity: "high",
    remediationSteps: "Set security.fips_mode: true and security.enforce_fips: true in config.yml (the kit does).",
    validate: (context) => {
        requireSetting(context, "security.fips_mode", (value) => value === true, "FIPS mode must be on");
        requireSetting(context, "security.enforce_fips", (value) => value === true, "the PBX must refuse to start without FIPS");
    },
});

import { automatedRule } from "../../../lib/rule";
import { eachPbxUnit } from "./unit";

export default automatedRule({
    name: "service-user",
    items: ["WP-2.2.1.2"],
    description: "pbx.service sets User= to an account other than root (and DynamicUser is not relied on), so the PBX does not run with root privileges.",
    severity: "high",
    remediationSteps: "Set `User=pbx` and `Group=pbx` in the [Service] section (the kit does).",
    validate: (context) => {
        eachPbxUnit(context, (unit, _config, source) => {
            const user = unit.get("Service", "User");
            if (!user || user === "root" || user === "0") {
                context.report(`${unit.path} runs the PBX as ${user ?? "root (no User=)"}`, source);
            }
        });
    },
});

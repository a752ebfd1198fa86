import { isEnabledAtBoot } from "../../../lib/systemd";
import { automatedRule } from "../../../lib/rule";
import { PBX_SERVICE } from "../../pbx";
import { eachPbxUnit } from "./unit";

export default automatedRule({
    name: "service-enabled",
    items: ["WP-2.2.1.6"],
    description: "The PBX host's boot commands run `systemctl enable pbx` (with or without --now).",
    severity: "high",
    remediationSteps: "Add `systemctl enable --now pbx.service` to runcmd (the kit does).",
    validate: (context) => {
        eachPbxUnit(context, (unit, config, source) => {
            if (!isEnabledAtBoot(config, PBX_SERVICE)) {
                context.report(`never runs \`systemctl enable ${PBX_SERVICE}\`, so ${unit.path} is not enabled`, source);
            }
        });
    },
});

import { BOOT_TARGETS, installTargets, isStartedAtBoot } from "../../../lib/systemd";
import { automatedRule } from "../../../lib/rule";
import { PBX_SERVICE } from "../../pbx";
import { eachPbxUnit } from "./unit";

export default automatedRule({
    name: "starts-on-boot",
    items: ["WP-2.2.1.7"],
    description:
        "pbx.service is installed into a target every boot reaches ([Install] WantedBy=multi-user.target, or default/graphical), which `systemctl enable` links, and the first boot starts it (enable --now, start or restart).",
    severity: "high",
    remediationSteps: "Add `[Install] WantedBy=multi-user.target` to the unit and `systemctl enable --now pbx.service` to runcmd (the kit does).",
    validate: (context) => {
        eachPbxUnit(context, (unit, config, source) => {
            if (!installTargets(unit).some((target) => BOOT_TARGETS.includes(target))) {
                context.report(`${unit.path} has no [Install] WantedBy=multi-user.target, so enabling it does not start it at boot`, source);
            }
            if (!isStartedAtBoot(config, PBX_SERVICE)) {
                context.report("never starts the PBX on the first boot (systemctl enable --now / start)", source);
            }
        });
    },
});

import { aptSettings } from "../../../lib/host-files";
import { automatedRule } from "../../../lib/rule";
import { eachAppHost } from "../../voiceassist";

export default automatedRule({
    name: "reboot-after-updates",
    items: ["VA-2.3.4"],
    description:
        "Reads each VoiceAssist server's cloud-init: the first-boot upgrade reboots when a kernel update requires it (package_reboot_if_required: true), and unattended-upgrades reboots after later kernel updates (Unattended-Upgrade::Automatic-Reboot \"true\").",
    severity: "medium",
    remediationSteps: "The kit sets package_reboot_if_required and Automatic-Reboot with a reboot time. In your own program, add both to the server's cloud-config.",
    validate: (context) => {
        eachAppHost(context, (_host, config, source) => {
            if (config.package_reboot_if_required !== true) {
                context.report("does not reboot after the first-boot upgrade when a new kernel requires it (package_reboot_if_required: true)", source);
            }
            if (aptSettings(config).get("Unattended-Upgrade::Automatic-Reboot")?.[0] !== "true") {
                context.report('does not let unattended-upgrades reboot after kernel updates (Unattended-Upgrade::Automatic-Reboot "true")', source);
            }
        });
    },
});

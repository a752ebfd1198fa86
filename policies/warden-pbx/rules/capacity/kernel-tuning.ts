import { sysctlApplied, sysctlFiles } from "../../../lib/host-files";
import { automatedRule } from "../../../lib/rule";
import { eachPbxHost } from "../../pbx";

export default automatedRule({
    name: "kernel-tuning",
    items: ["WP-6.3.1.5"],
    description: "The PBX host tunes kernel parameters: cloud-init writes at least one sysctl file (/etc/sysctl.d/*.conf) with settings, and a boot command applies it at first boot.",
    severity: "low",
    remediationSteps: "The kit writes /etc/sysctl.d/60-voip.conf and runs `sysctl --system`.",
    validate: (context) => {
        eachPbxHost(context, (_host, config, source) => {
            const files = sysctlFiles(config).filter((file) => file.settings.size > 0);
            if (files.length === 0) {
                context.report("tunes no kernel parameter (no /etc/sysctl.d file)", source);
            }
            for (const file of files.filter((entry) => !sysctlApplied(config, entry.path))) {
                context.report(`writes ${file.path} but never applies it at first boot (sysctl --system)`, source);
            }
        });
    },
});

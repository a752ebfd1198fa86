import { nestedSetting, pbxHosts } from "../../../lib/hosts";
import { automatedRule } from "../../../lib/rule";
import { NO_PBX_HOST } from "../../pbx";

export default automatedRule({
    name: "pbx-power-redundancy",
    items: ["WP-1.1.1.5"],
    description:
        "On EC2 the item does not apply: power redundancy belongs to AWS, and automatic instance recovery moves the host when its hardware fails. The rule checks that the PBX hosts are EC2 instances whose maintenanceOptions.autoRecovery is not disabled, then ends not applicable.",
    severity: "low",
    remediationSteps: "Keep `maintenanceOptions.autoRecovery` at \"default\" on the PBX instance (the kit sets it). On your own hardware, attest redundant power supplies instead.",
    validate: ({ resources, report, notApplicable }) => {
        const hosts = pbxHosts(resources);
        if (hosts.length === 0) {
            report(NO_PBX_HOST);
            return;
        }
        let disabled = false;
        for (const host of hosts) {
            const recovery = nestedSetting(host, ["maintenanceOptions", "autoRecovery"]);
            if (recovery.value === "disabled") {
                disabled = true;
                report("disables automatic recovery (maintenanceOptions.autoRecovery: disabled), so a hardware or power failure of its EC2 host stops the PBX until someone acts", recovery.source);
            }
        }
        if (!disabled) {
            notApplicable("the PBX runs on EC2 instances with automatic recovery: power redundancy is AWS's");
        }
    },
});

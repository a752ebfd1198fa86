import { automatedRule } from "../../../lib/rule";
import { agentPublishes, mountPoints } from "../../monitoring";
import { eachPbxHost } from "../../pbx";

export default automatedRule({
    name: "disk-monitoring",
    items: ["WP-4.1.1.3"],
    description:
        "The PBX host's CloudWatch agent (written and started by cloud-init) collects disk_used_percent, with the InstanceId dimension, for the root file system and every mounted data volume (`resources` listing each mount point, or \"*\").",
    severity: "high",
    remediationSteps:
        "The kit's agent configuration lists /, /var/lib/pbx/voicemail and /var/lib/pbx/recordings under metrics_collected.disk.resources. In your own program, add every mount point there.",
    validate: (context) => {
        eachPbxHost(context, (host, config, source) => {
            for (const mount of mountPoints(context.resources, host, config)) {
                if (!agentPublishes(context, config, source, "disk_used_percent", `disk usage of ${mount}`, mount)) {
                    return;
                }
            }
        });
    },
});

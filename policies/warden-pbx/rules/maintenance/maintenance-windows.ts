import { aptSettings } from "../../../lib/host-files";

import { automatedRule } from "../../../lib/rule";
import { eachPbxHost, requireDatabases } from "../../pbx";

export default automatedRule({
    name: "maintenance-windows",
    items: ["WP-9.2.1.1"],
    description:
        "Maintenance happens in scheduled windows: each primary PostgreSQL database sets maintenanceWindow (instead of letting RDS pick one), and each PBX host that lets unattended-upgrades reboot it fixes the reboot time (Unattended-Upgrade::Automatic-Reboot-Time).",
    severity: "medium",
    remediationSteps: "The kit sets maintenanceWindow sun:04:00-sun:05:00 and Automatic-Reboot-Time 04:30. Set both in your program.",
    validate: (context) => {
        for (const database of requireDatabases(context)) {
            if (typeof database.props.maintenanceWindow !== "string" && typeof database.props.preferredMaintenanceWindow !== "string") {
                context.report("has no maintenance window, so RDS picks one at random", database);
            }
        }
        eachPbxHost(context, (_host, config, source) => {
            const apt = aptSettings(config);
            if (apt.get("Unattended-Upgrade::Automatic-Reboot")?.[0] === "true" && !apt.get("Unattended-Upgrade::Automatic-Reboot-Time")) {
                context.report("lets unattended-upgrades reboot the PBX at any time (no Automatic-Reboot-Time)", source);
            }
        });
    },
});

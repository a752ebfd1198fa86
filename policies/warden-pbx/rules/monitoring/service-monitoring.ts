import { requireAlarm } from "../../../lib/alarms";
import { pbxHosts } from "../../../lib/hosts";
import { automatedRule } from "../../../lib/rule";
import { SERVICE_DOWN_SIGNALS, serviceDownSpec } from "../../monitoring";
import { NO_PBX_HOST } from "../../pbx";

export default automatedRule({
    name: "service-monitoring",
    items: ["WP-4.1.2.1"],
    description:
        `A CloudWatch alarm watches the PBX service itself and notifies a subscribed SNS topic: ${SERVICE_DOWN_SIGNALS} An alarm that fires while the service runs, or never when it stops, does not watch it.`,
    severity: "critical",
    remediationSteps:
        "The kit's agent counts the PBX process (procstat) and an alarm fires below 1, treating missing data as breaching. In your own program, add one of those alarms with alarmActions to a subscribed topic.",
    validate: ({ resources, report }) => {
        const hosts = pbxHosts(resources);
        if (hosts.length === 0) {
            report(NO_PBX_HOST);
        }
        for (const host of hosts) {
            requireAlarm(resources, { what: `the PBX service on host "${host.instance.name}"`, ...serviceDownSpec(resources, host) }, report);
        }
    },
});

import { requireAlarm } from "../../../lib/alarms";
import { pbxHosts } from "../../../lib/hosts";
import { automatedRule } from "../../../lib/rule";
import { serviceDownAlarms } from "../../monitoring";
import { NO_PBX_HOST } from "../../pbx";

export default automatedRule<{ maxMinutes: number }>({
    name: "service-down-alert",
    items: ["WP-4.3.1.2.1"],
    description:
        "A service-down alarm of the PBX (procstat pid count, target group healthy/unhealthy hosts, Route 53 health check or Synthetics canary) fires within maxMinutes of breaching data (period x datapoints) and notifies a subscribed SNS topic.",
    severity: "critical",
    remediationSteps: "Use a 60 s period and 1-3 evaluation periods on the service alarm (the kit: procstat pid count < 1 for 2 minutes).",
    config: { maxMinutes: { type: "number", minimum: 1, default: 5, description: "Longest time before a down service alerts." } },
    validate: ({ resources, config, report }) => {
        const hosts = pbxHosts(resources);
        if (hosts.length === 0) {
            report(NO_PBX_HOST);
        }
        for (const host of hosts) {
            requireAlarm(resources, { what: `the PBX service on host "${host.instance.name}"`, candidates: serviceDownAlarms(resources, host), maxDetectionMinutes: config.maxMinutes }, report);
        }
    },
});

import { requireAlarm } from "../../../lib/alarms";
import { pbxHosts } from "../../../lib/hosts";
import { automatedRule } from "../../../lib/rule";
import { SERVICE_DOWN_SIGNALS, serviceDownSpec } from "../../monitoring";
import { NO_PBX_HOST } from "../../pbx";

export default automatedRule<{ maxMinutes: number }>({
    name: "service-down-alert",
    items: ["WP-4.3.1.2.1"],
    description:
        `A service-down alarm of the PBX fires within maxMinutes of breaching data (period x datapoints) and notifies a subscribed SNS topic. It must count the PBX itself, fire when the service is down and stay quiet while it runs: ${SERVICE_DOWN_SIGNALS}`,
    severity: "critical",
    remediationSteps:
        "Use a 60 s period and 1-3 evaluation periods on the service alarm (the kit: procstat_lookup_pid_count LessThanThreshold 1 for 2 minutes, statistic Average, treatMissingData breaching). Do not compare the pid count upwards (GreaterThanThreshold fires while the service runs).",
    config: { maxMinutes: { type: "number", minimum: 1, default: 5, description: "Longest time before a down service alerts." } },
    validate: ({ resources, config, report }) => {
        const hosts = pbxHosts(resources);
        if (hosts.length === 0) {
            report(NO_PBX_HOST);
        }
        for (const host of hosts) {
            requireAlarm(resources, { what: `the PBX service on host "${host.instance.name}"`, ...serviceDownSpec(resources, host), maxDetectionMinutes: config.maxMinutes }, report);
        }
    },
});

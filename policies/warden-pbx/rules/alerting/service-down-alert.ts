import { requireAlarm } from "../../../lib/alarms";
import { pbxHosts } from "../../../lib/hosts";
import { automatedRule } from "../../../lib/rule";
import { serviceDownSpec } from "../../monitoring";
import { NO_PBX_HOST } from "../../pbx";

export default automatedRule<{ maxMinutes: number }>({
    name: "service-down-alert",
    items: ["WP-4.3.1.2.1"],
    description:
        "A service-down alarm of the PBX fires within maxMinutes of breaching data (period x datapoints) and notifies a subscribed SNS topic. It must fire when the service is down and stay quiet while it runs: CWAgent procstat pid count of the host, or the PBX's Warden/PBX Up metric, below 1 with treatMissingData breaching (a dead host publishes nothing); HealthyHostCount below 1 or UnHealthyHostCount above 0 of a target group holding the host; Route 53 HealthCheckStatus below 1 or Synthetics SuccessPercent below a threshold, for a health check or canary probing the PBX's address, load balancer or DNS name. Levels are read with Minimum or Average (Maximum for UnHealthyHostCount).",
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

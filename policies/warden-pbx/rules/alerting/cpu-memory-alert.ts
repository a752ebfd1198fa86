import { requireAlarm } from "../../../lib/alarms";
import { AGENT_NAMESPACE } from "../../../lib/cloudwatch-agent";
import { pbxHosts } from "../../../lib/hosts";
import { automatedRule } from "../../../lib/rule";
import { hostAlarms } from "../../monitoring";
import { NO_PBX_HOST } from "../../pbx";

export default automatedRule<{ maxCpuPercent: number; maxMemoryPercent: number }>({
    name: "cpu-memory-alert",
    items: ["WP-4.3.1.2.4"],
    description:
        "For each PBX host, an alarm on AWS/EC2 CPUUtilization fires above at most maxCpuPercent and an alarm on CWAgent mem_used_percent fires above at most maxMemoryPercent, both notifying a subscribed SNS topic.",
    severity: "high",
    remediationSteps: "The kit alarms above 80% for both. In your own program, set GreaterThanThreshold with a threshold at or below 90 on the CPU and memory alarms.",
    config: {
        maxCpuPercent: { type: "number", minimum: 1, maximum: 100, default: 90, description: "CPU usage at which the alert must fire at the latest." },
        maxMemoryPercent: { type: "number", minimum: 1, maximum: 100, default: 90, description: "Memory usage at which the alert must fire at the latest." },
    },
    validate: ({ resources, config, report }) => {
        const hosts = pbxHosts(resources);
        if (hosts.length === 0) {
            report(NO_PBX_HOST);
        }
        for (const host of hosts) {
            requireAlarm(resources, { what: `CPU usage of host "${host.instance.name}"`, candidates: hostAlarms(resources, host, "AWS/EC2", ["CPUUtilization"]), threshold: { direction: "above", limit: config.maxCpuPercent, unit: "%" } }, report);
            requireAlarm(resources, { what: `memory usage of host "${host.instance.name}"`, candidates: hostAlarms(resources, host, AGENT_NAMESPACE, ["mem_used_percent"]), threshold: { direction: "above", limit: config.maxMemoryPercent, unit: "%" } }, report);
        }
    },
});

import { dimensionValue, requireAlarm } from "../../../lib/alarms";
import { AGENT_NAMESPACE } from "../../../lib/cloudwatch-agent";
import { automatedRule } from "../../../lib/rule";
import { hostAlarms, mountPoints, publishedByAgent } from "../../monitoring";
import { eachPbxHost } from "../../pbx";

export default automatedRule<{ maxPercent: number }>({
    name: "disk-threshold-alert",
    items: ["WP-4.3.1.2.3"],
    description:
        "For every file system of the PBX host (root and mounted data volumes) an alarm on CWAgent disk_used_percent with that path fires above a threshold of at most maxPercent (80) and notifies a subscribed SNS topic. The alarm's dimensions must be a set the agent publishes the metric with (its plugin dimensions plus append_dimensions, or an aggregation_dimensions set), or it never gets data.",
    severity: "critical",
    remediationSteps: "Set the disk alarms' threshold to 80 with GreaterThanThreshold (the kit does). In your own program, lower `threshold` on each disk_used_percent alarm.",
    config: { maxPercent: { type: "number", minimum: 1, maximum: 100, default: 80, description: "Disk usage at which the alert must fire." } },
    validate: (context) => {
        eachPbxHost(context, (host, config) => {
            const alarms = hostAlarms(context.resources, host, AGENT_NAMESPACE, ["disk_used_percent"]);
            for (const mount of mountPoints(context.resources, host, config)) {
                const candidates = alarms.filter((alarm) => alarm.metrics.some((metric) => dimensionValue(metric, "path") === mount));
                requireAlarm(context.resources, { what: `disk usage of ${mount} on host "${host.instance.name}"`, candidates, threshold: { direction: "above", limit: context.config.maxPercent, unit: "%" }, check: publishedByAgent(config) }, context.report);
            }
        });
    },
});

import { requireAlarm } from "../../../lib/alarms";
import { AGENT_NAMESPACE } from "../../../lib/cloudwatch-agent";
import { automatedRule } from "../../../lib/rule";
import { agentPublishes, hostAlarms, publishedByAgent } from "../../monitoring";
import { eachPbxHost } from "../../pbx";

export default automatedRule<{ loadMetrics: string[] }>({
    name: "load-monitoring",
    items: ["WP-4.1.1.5"],
    description:
        "System load is the run queue: the PBX host's CloudWatch agent collects one of loadMetrics (processes_running: runnable tasks, the basis of the load average; processes_blocked) with the InstanceId dimension, and a CloudWatch alarm on it for the instance notifies a subscribed SNS topic. The alarm's dimensions must be a set the agent publishes the metric with (its plugin dimensions plus append_dimensions, or an aggregation_dimensions set), or it never gets data.",
    severity: "medium",
    remediationSteps:
        "The kit's agent collects processes.running/blocked and alarms on processes_running. In your own program, add metrics_collected.processes {measurement: [running, blocked]} to the agent configuration and an alarm on CWAgent processes_running.",
    config: { loadMetrics: { type: "array", items: { type: "string" }, default: ["processes_running", "processes_blocked"], description: "Agent metrics that measure load." } },
    validate: (context) => {
        eachPbxHost(context, (host, config, source) => {
            const alarms = hostAlarms(context.resources, host, AGENT_NAMESPACE, context.config.loadMetrics);
            const good = requireAlarm(context.resources, { what: `system load of host "${host.instance.name}" (${context.config.loadMetrics.join(" / ")})`, candidates: alarms, check: publishedByAgent(config) }, context.report);
            for (const alarm of good.slice(0, 1)) {
                agentPublishes(context, config, source, alarm.metrics[0].metricName ?? "", "system load");
            }
        });
    },
});

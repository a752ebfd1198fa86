import { requireAlarm } from "../../../lib/alarms";
import { AGENT_NAMESPACE } from "../../../lib/cloudwatch-agent";
import { automatedRule } from "../../../lib/rule";
import { agentPublishes, hostAlarms, publishedByAgent } from "../../monitoring";
import { eachPbxHost } from "../../pbx";

export default automatedRule({
    name: "memory-monitoring",
    items: ["WP-4.1.1.2"],
    description:
        "EC2 does not measure memory: the PBX host's CloudWatch agent (configuration written and started by cloud-init) must collect mem_used_percent with the InstanceId dimension, and a CloudWatch alarm on CWAgent mem_used_percent for the instance must notify a subscribed SNS topic. The alarm's dimensions must be a set the agent publishes the metric with (its plugin dimensions plus append_dimensions, or an aggregation_dimensions set), or it never gets data.",
    severity: "high",
    remediationSteps:
        "The kit's agent configuration collects mem_used_percent and an alarm watches it. In your own program, write the agent configuration (metrics_collected.mem, append_dimensions InstanceId), start it with amazon-cloudwatch-agent-ctl, and add the alarm.",
    validate: (context) => {
        eachPbxHost(context, (host, config, source) => {
            agentPublishes(context, config, source, "mem_used_percent", "memory usage");
            requireAlarm(context.resources, { what: `memory usage of host "${host.instance.name}"`, candidates: hostAlarms(context.resources, host, AGENT_NAMESPACE, ["mem_used_percent"]), check: publishedByAgent(config) }, context.report);
        });
    },
});

import { dimensionValue, requireAlarm } from "../../../lib/alarms";
import { AGENT_NAMESPACE } from "../../../lib/cloudwatch-agent";
import { automatedRule } from "../../../lib/rule";
import { hostAlarms, mountPoints, publishedByAgent } from "../../monitoring";
import { eachPbxHost } from "../../pbx";

export default automatedRule({
    name: "disk-alerting",
    items: ["WP-1.3.1.5"],
    description:
        "For every file system of the PBX host (the root and each mounted data volume) a CloudWatch alarm on CWAgent disk_used_percent with that `path` dimension and the instance's InstanceId notifies a subscribed SNS topic. (The agent publishing the metric is WP-4.1.1.3; the 80% threshold is WP-4.3.1.2.3.) The alarm's dimensions must be a set the agent publishes the metric with (its plugin dimensions plus append_dimensions, or an aggregation_dimensions set), or it never gets data.",
    severity: "critical",
    remediationSteps:
        "The kit creates one disk_used_percent alarm per mount point. In your own program, add an aws.cloudwatch.MetricAlarm (namespace CWAgent, metricName disk_used_percent, dimensions InstanceId + path) per mount point with alarmActions to a subscribed topic.",
    validate: (context) => {
        eachPbxHost(context, (host, config) => {
            const alarms = hostAlarms(context.resources, host, AGENT_NAMESPACE, ["disk_used_percent"]);
            for (const mount of mountPoints(context.resources, host, config)) {
                const candidates = alarms.filter((alarm) => alarm.metrics.some((metric) => dimensionValue(metric, "path") === mount));
                requireAlarm(context.resources, { what: `disk usage of ${mount} on host "${host.instance.name}"`, candidates, check: publishedByAgent(config) }, context.report);
            }
        });
    },
});

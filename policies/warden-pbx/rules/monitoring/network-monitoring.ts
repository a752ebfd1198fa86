import { requireAlarm } from "../../../lib/alarms";
import { AGENT_NAMESPACE } from "../../../lib/cloudwatch-agent";
import { pbxHosts } from "../../../lib/hosts";
import { automatedRule } from "../../../lib/rule";
import { hostAlarms } from "../../monitoring";
import { NO_PBX_HOST } from "../../pbx";

export default automatedRule({
    name: "network-monitoring",
    items: ["WP-4.1.1.4"],
    description:
        "A CloudWatch alarm on the PBX host's network bandwidth (AWS/EC2 NetworkIn/NetworkOut/NetworkPacketsIn/NetworkPacketsOut, or CWAgent net_bytes_sent/net_bytes_recv, for the instance) notifies a subscribed SNS topic.",
    severity: "medium",
    remediationSteps: "The kit alarms on NetworkOut of the PBX instance. In your own program, add an aws.cloudwatch.MetricAlarm on AWS/EC2 NetworkIn or NetworkOut with dimensions {InstanceId} and alarmActions to a subscribed topic.",
    validate: ({ resources, report }) => {
        const hosts = pbxHosts(resources);
        if (hosts.length === 0) {
            report(NO_PBX_HOST);
        }
        for (const host of hosts) {
            const candidates = [
                ...hostAlarms(resources, host, "AWS/EC2", ["NetworkIn", "NetworkOut", "NetworkPacketsIn", "NetworkPacketsOut"]),
                ...hostAlarms(resources, host, AGENT_NAMESPACE, ["net_bytes_sent", "net_bytes_recv"]),
            ];
            requireAlarm(resources, { what: `network bandwidth of host "${host.instance.name}"`, candidates }, report);
        }
    },
});

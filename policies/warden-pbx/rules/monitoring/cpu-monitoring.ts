import { requireAlarm } from "../../../lib/alarms";
import { pbxHosts } from "../../../lib/hosts";
import { automatedRule } from "../../../lib/rule";
import { hostAlarms } from "../../monitoring";
import { NO_PBX_HOST } from "../../pbx";

export default automatedRule({
    name: "cpu-monitoring",
    items: ["WP-4.1.1.1"],
    description: "A CloudWatch alarm on AWS/EC2 CPUUtilization whose InstanceId dimension refers to the PBX host notifies a subscribed SNS topic.",
    severity: "high",
    remediationSteps: "The kit alarms on CPUUtilization of the PBX instance. In your own program, add an aws.cloudwatch.MetricAlarm (AWS/EC2 CPUUtilization, dimensions {InstanceId: instance.id}) with alarmActions to a subscribed topic.",
    validate: ({ resources, report }) => {
        const hosts = pbxHosts(resources);
        if (hosts.length === 0) {
            report(NO_PBX_HOST);
        }
        for (const host of hosts) {
            requireAlarm(resources, { what: `CPU usage of host "${host.instance.name}"`, candidates: hostAlarms(resources, host, "AWS/EC2", ["CPUUtilization"]) }, report);
        }
    },
});

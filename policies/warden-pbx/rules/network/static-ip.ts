import { elasticIpsOf } from "../../../lib/dns";
import { pbxHosts } from "../../../lib/hosts";
import { automatedRule } from "../../../lib/rule";
import { NO_PBX_HOST } from "../../pbx";

export default automatedRule({
    name: "static-ip",
    items: ["WP-1.1.3.1"],
    description:
        "Requires an Elastic IP bound to each PBX host: aws:ec2/eip with `instance`, or an aws:ec2/eipAssociation to the instance or to one of its network interfaces (read from property dependencies).",
    severity: "high",
    remediationSteps:
        "The kit allocates an Elastic IP and associates it with the PBX voice interface. In your own program, create an aws.ec2.Eip and an aws.ec2.EipAssociation with the PBX instance (instanceId) or its voice interface (networkInterfaceId).",
    validate: ({ resources, report }) => {
        const hosts = pbxHosts(resources);
        if (hosts.length === 0) {
            report(NO_PBX_HOST);
        }
        for (const host of hosts) {
            if (elasticIpsOf(resources, host).length === 0) {
                report("has no Elastic IP, so its public address changes when it is stopped or replaced and phones and trunks lose it", host.instance);
            }
        }
    },
});

import { elasticIpsOf } from "../../../lib/dns";
import { automatedRule } from "../../../lib/rule";
import { NO_APP_HOST, appHosts } from "../../voiceassist";

export default automatedRule({
    name: "static-ip",
    items: ["VA-1.1.5"],
    description:
        "Requires an Elastic IP bound to each VoiceAssist server: aws:ec2/eip with `instance`, or an aws:ec2/eipAssociation to the instance or one of its network interfaces (read from property dependencies).",
    severity: "medium",
    remediationSteps: "The kit allocates an Elastic IP for the server. In your own program, create an aws.ec2.Eip and an aws.ec2.EipAssociation with the server's instanceId.",
    validate: ({ resources, report }) => {
        const hosts = appHosts(resources);
        if (hosts.length === 0) {
            report(NO_APP_HOST);
        }
        for (const host of hosts) {
            if (elasticIpsOf(resources, host).length === 0) {
                report("has no Elastic IP, so its public address changes when it is stopped or replaced", host.instance);
            }
        }
    },
});

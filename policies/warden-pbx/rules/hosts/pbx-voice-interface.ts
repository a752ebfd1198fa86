import { PortRange, coversRange, groupsIn, ingressRules, interfacesOf, rulesOfGroups } from "../../../lib/network";
import { pbxHosts } from "../../../lib/hosts";
import { automatedRule } from "../../../lib/rule";
import { NO_PBX_HOST } from "../../pbx";

export default automatedRule<{ sipPort: number }>({
    name: "pbx-voice-interface",
    items: ["WP-1.1.1.4"],
    description:
        "Requires the PBX host to have a network interface besides its primary one (an aws:ec2/networkInterface attached at device index 1 or higher) whose security groups admit SIP on sipPort/udp, so that voice traffic has an interface of its own.",
    severity: "medium",
    remediationSteps:
        "The kit attaches a second interface (`${name}-voice-eni`) for SIP/RTP with the voice security group. In your own program, create an aws.ec2.NetworkInterface in the public subnet with the SIP/RTP security group and attach it to the PBX instance with an aws.ec2.NetworkInterfaceAttachment at deviceIndex 1.",
    config: {
        sipPort: { type: "integer", minimum: 1, maximum: 65535, default: 5060, description: "The SIP port the voice interface must carry." },
    },
    validate: ({ resources, config, report }) => {
        const hosts = pbxHosts(resources);
        if (hosts.length === 0) {
            report(NO_PBX_HOST);
        }
        const rules = ingressRules(resources);
        const sip: PortRange = { protocol: "udp", fromPort: config.sipPort, toPort: config.sipPort };
        for (const host of hosts) {
            const secondary = interfacesOf(resources, host).filter(({ deviceIndex }) => deviceIndex === undefined || deviceIndex >= 1);
            if (secondary.length === 0) {
                report(`has no network interface besides its primary one, so SIP/RTP share it with all other traffic`, host.instance);
                continue;
            }
            const carriesVoice = secondary.some(({ eni }) => rulesOfGroups(rules, groupsIn(eni, "securityGroups")).some((rule) => coversRange(rule, sip)));
            if (!carriesVoice) {
                report(`has a second network interface, but none of its security groups admits SIP (${config.sipPort}/udp)`, secondary[0].eni);
            }
        }
    },
});

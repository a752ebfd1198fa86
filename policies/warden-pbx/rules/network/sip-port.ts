import { automatedRule } from "../../../lib/rule";
import { requireOpen } from "./ports";

export default automatedRule<{ port: number }>({
    name: "sip-port",
    items: ["WP-1.1.3.4.1"],
    description: "Requires port (5060) UDP to be open to the PBX host on both layers: a security group of the host (instance, launch template or interface) admits it and a ufw allow rule of its cloud-init admits it.",
    severity: "critical",
    remediationSteps:
        "The kit opens 5060/udp in the voice security group and with `ufw allow 5060/udp`. In your own program, add an aws.vpc.SecurityGroupIngressRule (ipProtocol udp, fromPort/toPort 5060) to the PBX host's group and the ufw line to its runcmd.",
    config: { port: { type: "integer", minimum: 1, maximum: 65535, default: 5060, description: "SIP port." } },
    validate: (context) => requireOpen(context, { protocol: "udp", fromPort: context.config.port, toPort: context.config.port }, "SIP signalling"),
});

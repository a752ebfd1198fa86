import { automatedRule } from "../../../lib/rule";
import { requireOpen } from "./ports";

export default automatedRule<{ fromPort: number; toPort: number }>({
    name: "rtp-ports",
    items: ["WP-1.1.3.4.2"],
    description: "Requires the whole RTP range (10000-20000) UDP to be open to the PBX host on both layers: one security group rule and one ufw allow rule each covering the range.",
    severity: "critical",
    remediationSteps:
        "The kit opens 10000-20000/udp in the voice security group and with `ufw allow 10000:20000/udp`. In your own program, add an ingress rule (udp, fromPort 10000, toPort 20000) and the ufw line.",
    config: {
        fromPort: { type: "integer", minimum: 1, maximum: 65535, default: 10000, description: "First RTP port." },
        toPort: { type: "integer", minimum: 1, maximum: 65535, default: 20000, description: "Last RTP port." },
    },
    validate: (context) => requireOpen(context, { protocol: "udp", fromPort: context.config.fromPort, toPort: context.config.toPort }, "RTP media"),
});

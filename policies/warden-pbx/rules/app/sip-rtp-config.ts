import { asNumber } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { eachPbxConfig, setting } from "../../pbx";

export default automatedRule<{ sipPort: number; rtpFromPort: number; rtpToPort: number }>({
    name: "sip-rtp-config",
    items: ["WP-2.1.2.4"],
    description:
        "The PBX's config.yml sets server.sip_port and server.rtp_port_range_start/end to the ports the firewalls open (sipPort, rtpFromPort-rtpToPort: 5060 and 10000-20000 by default, the same config as WP-1.1.3.4.x).",
    severity: "high",
    remediationSteps: "The kit's config.yml uses 5060 and 10000-20000. Keep config.yml's server ports equal to the opened ports.",
    config: {
        sipPort: { type: "integer", default: 5060, description: "SIP port." },
        rtpFromPort: { type: "integer", default: 10000, description: "First RTP port." },
        rtpToPort: { type: "integer", default: 20000, description: "Last RTP port." },
    },
    validate: (context) => {
        eachPbxConfig(context, (file, source) => {
            const expected: [string, number][] = [
                ["server.sip_port", context.config.sipPort],
                ["server.rtp_port_range_start", context.config.rtpFromPort],
                ["server.rtp_port_range_end", context.config.rtpToPort],
            ];
            for (const [key, wanted] of expected) {
                const actual = asNumber(setting(file.data, key));
                if (actual !== wanted) {
                    context.report(`${file.source} sets ${key} to ${actual ?? "nothing"}; the firewall opens ${wanted}`, source);
                }
            }
        });
    },
});

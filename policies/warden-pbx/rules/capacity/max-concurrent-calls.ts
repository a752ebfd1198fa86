import { alarmsOn, requireAlarm } from "../../../lib/alarms";
import { asNumber } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { PBX_NAMESPACE, eachPbxConfig, setting } from "../../pbx";

export default automatedRule<{ portsPerCall: number }>({
    name: "max-concurrent-calls",
    items: ["WP-6.2.1.2"],
    description:
        "The maximum concurrent calls is recorded as the threshold of the alarm on Warden/PBX ConcurrentCalls (firing above it, notifying a subscribed topic), and the PBX's RTP port range (config.yml server.rtp_port_range_start/end) holds that many calls at portsPerCall ports each (two legs, RTP and RTCP).",
    severity: "medium",
    remediationSteps: "In the kit, set `readiness-kit:wardenMaxConcurrentCalls`; it becomes the ConcurrentCalls alarm threshold. Widen the RTP range if the calls do not fit.",
    config: { portsPerCall: { type: "integer", minimum: 1, default: 4, description: "RTP/RTCP ports one bridged call uses." } },
    validate: (context) => {
        const alarms = requireAlarm(context.resources, { what: "concurrent calls against a recorded maximum (Warden/PBX ConcurrentCalls above a threshold)", candidates: alarmsOn(context.resources, PBX_NAMESPACE, ["ConcurrentCalls"]).filter((alarm) => alarm.direction === "above") }, context.report);
        const maximum = alarms.length > 0 ? Math.max(...alarms.map((alarm) => alarm.threshold ?? 0)) : undefined;
        if (maximum === undefined) {
            return;
        }
        eachPbxConfig(context, (file, source) => {
            const from = asNumber(setting(file.data, "server.rtp_port_range_start"));
            const to = asNumber(setting(file.data, "server.rtp_port_range_end"));
            if (from === undefined || to === undefined) {
                context.report(`${file.source} sets no RTP port range to check the maximum of ${maximum} calls against`, source);
            } else if (maximum * context.config.portsPerCall > to - from + 1) {
                context.report(`${file.source} opens ${to - from + 1} RTP ports, too few for ${maximum} concurrent calls at ${context.config.portsPerCall} ports each`, source);
            }
        });
    },
});

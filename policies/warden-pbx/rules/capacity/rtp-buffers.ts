import { asNumber } from "../../../lib/resources";
import { sysctlApplied, sysctlSettings } from "../../../lib/host-files";
import { automatedRule } from "../../../lib/rule";
import { eachPbxHost } from "../../pbx";

const BUFFERS = ["net.core.rmem_max", "net.core.wmem_max"];

export default automatedRule<{ minBytes: number }>({
    name: "rtp-buffers",
    items: ["WP-6.3.1.4"],
    description: "The PBX host raises the kernel's UDP socket buffer limits for RTP: a sysctl file written by cloud-init sets net.core.rmem_max and net.core.wmem_max to at least minBytes, and a boot command applies it (systemd-sysctl ran before cloud-init wrote it).",
    severity: "low",
    remediationSteps: "The kit writes /etc/sysctl.d/60-voip.conf (16 MiB) and runs `sysctl --system`. Add the same to your cloud-config.",
    config: { minBytes: { type: "integer", minimum: 212992, default: 4194304, description: "Smallest rmem_max/wmem_max in bytes (the kernel default is 212992)." } },
    validate: (context) => {
        eachPbxHost(context, (_host, config, source) => {
            const settings = sysctlSettings(config);
            for (const key of BUFFERS) {
                const entry = settings.get(key);
                const value = asNumber(entry?.value);
                if (!entry || value === undefined || value < context.config.minBytes) {
                    context.report(`sets ${key} to ${entry?.value ?? "the kernel default"}; at least ${context.config.minBytes} is required for RTP`, source);
                } else if (!sysctlApplied(config, entry.path)) {
                    context.report(`writes ${entry.path} but never applies it at first boot (sysctl --system)`, source);
                }
            }
        });
    },
});

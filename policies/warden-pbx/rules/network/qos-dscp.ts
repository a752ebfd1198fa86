import { filesOf } from "../../../lib/cloud-init";
import { automatedRule } from "../../../lib/rule";
import { isEnabledAtBoot, unitFiles } from "../../../lib/systemd";
import { eachPbxHost } from "../../pbx";

const PERSISTENT_FILES = ["/etc/ufw/before.rules", "/etc/ufw/after.rules", "/etc/iptables/rules.v4", "/etc/iptables/rules.v6", "/etc/nftables.conf"];
const EXPEDITED = /--set-dscp(-class)?\s+(EF|ef|46|0x2[eE])\b|dscp\s+set\s+(ef|46|0x2e)\b/;

export default automatedRule<{ rtpFromPort: number; rtpToPort: number }>({
    name: "qos-dscp",
    items: ["WP-1.1.3.5"],
    description:
        "Requires the PBX host to mark RTP (source ports rtpFromPort-rtpToPort) with DSCP EF (46) on every boot: an iptables/nftables rule in bootcmd, in a persistent rules file (/etc/ufw/before.rules, /etc/iptables/rules.v4, /etc/nftables.conf) or in an enabled systemd unit. runcmd alone does not count: its iptables rules are lost at the first reboot.",
    severity: "medium",
    remediationSteps:
        "The kit adds `iptables -t mangle -A OUTPUT -p udp --sport 10000:20000 -j DSCP --set-dscp-class EF` to bootcmd. In your own program, add the same line to bootcmd (or to /etc/ufw/before.rules in a *mangle section).",
    config: {
        rtpFromPort: { type: "integer", default: 10000, description: "First RTP port." },
        rtpToPort: { type: "integer", default: 20000, description: "Last RTP port." },
    },
    validate: (context) => {
        const range = new RegExp(`\\b${context.config.rtpFromPort}[:-]${context.config.rtpToPort}\\b`);
        eachPbxHost(context, (_host, config, source) => {
            const files = filesOf(config);
            const units = unitFiles(config).filter((unit) => isEnabledAtBoot(config, unit.path.split("/").pop()!));
            const lines = [
                ...(config.bootcmd ?? []).map((entry) => (Array.isArray(entry) ? entry.join(" ") : entry)),
                ...PERSISTENT_FILES.flatMap((path) => files.get(path)?.content.split("\n") ?? []),
                ...units.flatMap((unit) => [...unit.all("Service", "ExecStart"), ...unit.all("Service", "ExecStartPre")]),
            ];
            if (!lines.some((line) => EXPEDITED.test(line) && range.test(line))) {
                const transient = (config.runcmd ?? []).some((entry) => EXPEDITED.test(Array.isArray(entry) ? entry.join(" ") : entry));
                context.report(
                    transient
                        ? "marks RTP with DSCP only in runcmd, which runs once: the marking is gone after the first reboot"
                        : `does not mark RTP (${context.config.rtpFromPort}-${context.config.rtpToPort}/udp) with DSCP EF`,
                    source,
                );
            }
        });
    },
});

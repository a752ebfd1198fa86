import { automatedRule } from "../../../lib/rule";
import { eachPbxHost } from "../../pbx";

const CLIENTS = ["chrony", "ntp", "ntpdate", "systemd-timesyncd", "openntpd", "auto"];

export default automatedRule<{ requiredServers: string[] }>({
    name: "ntp",
    items: ["WP-1.1.2.5"],
    description:
        "Reads the PBX host's cloud-init `ntp` module: enabled must be true with a known client (chrony, ntp, systemd-timesyncd, ...), and its servers/pools must include every entry of requiredServers (none by default; e.g. the Amazon Time Sync Service 169.254.169.123).",
    severity: "high",
    remediationSteps:
        "The kit configures `ntp: {enabled: true, ntp_client: chrony, servers: [169.254.169.123]}`. In your own program, add that block to the PBX host's cloud-config.",
    config: {
        requiredServers: { type: "array", items: { type: "string" }, default: [], description: "NTP servers or pools the hosts must use." },
    },
    validate: (context) => {
        eachPbxHost(context, (_host, cloud, source) => {
            const ntp = cloud.ntp;
            if (!ntp || ntp.enabled !== true) {
                context.report("does not enable NTP (cloud-init ntp.enabled: true)", source);
                return;
            }
            const client = ntp.ntp_client ?? "auto";
            if (!CLIENTS.includes(client)) {
                context.report(`uses NTP client ${client}, which is not a known time synchronization client`, source);
            }
            const servers = [...(ntp.servers ?? []), ...(ntp.pools ?? [])];
            const missing = context.config.requiredServers.filter((server) => !servers.includes(server));
            if (missing.length > 0) {
                context.report(`does not synchronize with ${missing.join(", ")}`, source);
            }
        });
    },
});

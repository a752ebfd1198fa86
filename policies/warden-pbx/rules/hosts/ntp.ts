import { ntpProblems } from "../../../lib/host-checks";
import { automatedRule } from "../../../lib/rule";
import { eachPbxHost } from "../../pbx";

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
            for (const problem of ntpProblems(cloud, context.config.requiredServers)) {
                context.report(problem, source);
            }
        });
    },
});

import { ntpProblems } from "../../../lib/host-checks";
import { automatedRule } from "../../../lib/rule";
import { eachAppHost } from "../../voiceassist";

export default automatedRule<{ requiredServers: string[] }>({
    name: "ntp",
    items: ["VA-1.1.8"],
    description:
        "Reads each VoiceAssist server's cloud-init `ntp` module: enabled must be true with a known client (chrony, ntp, systemd-timesyncd, ...), and its servers/pools must include every entry of requiredServers (none by default; e.g. the Amazon Time Sync Service 169.254.169.123). That the clock then syncs is the client's run-time job.",
    severity: "high",
    remediationSteps: "The kit configures `ntp: {enabled: true, ntp_client: chrony, servers: [169.254.169.123]}`. In your own program, add that block to the server's cloud-config.",
    config: { requiredServers: { type: "array", items: { type: "string" }, default: [], description: "NTP servers or pools the servers must use." } },
    validate: (context) => {
        eachAppHost(context, (_host, config, source) => {
            for (const problem of ntpProblems(config, context.config.requiredServers)) {
                context.report(problem, source);
            }
        });
    },
});

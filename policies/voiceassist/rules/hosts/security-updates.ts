import { unattendedUpgradeProblems } from "../../../lib/host-checks";
import { automatedRule } from "../../../lib/rule";
import { eachAppHost } from "../../voiceassist";

export default automatedRule({
    name: "security-updates",
    items: ["VA-1.3.5"],
    description:
        "Reads each VoiceAssist server's cloud-init: unattended-upgrades is installed and enabled by /etc/apt/apt.conf.d/20auto-upgrades (APT::Periodic::Unattended-Upgrade \"1\"), and when 50unattended-upgrades is written its origins include the security pocket.",
    severity: "critical",
    remediationSteps: "The kit installs unattended-upgrades and writes 20auto-upgrades and 50unattended-upgrades. In your own program, add them to the server's cloud-config.",
    validate: (context) => {
        eachAppHost(context, (_host, config, source) => {
            for (const problem of unattendedUpgradeProblems(config)) {
                context.report(problem, source);
            }
        });
    },
});

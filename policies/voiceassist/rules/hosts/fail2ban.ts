import { packagesOf } from "../../../lib/cloud-init";
import { jailsOf } from "../../../lib/fail2ban";
import { jailStrength } from "../../../lib/host-checks";
import { automatedRule } from "../../../lib/rule";
import { isDisabledAtBoot } from "../../../lib/systemd";
import { eachAppHost } from "../../voiceassist";

export default automatedRule<{ maxRetry: number; minBanSeconds: number }>({
    name: "fail2ban",
    items: ["VA-1.3.3"],
    description:
        "Reads each VoiceAssist server's cloud-init: fail2ban is installed and not disabled, and an enabled sshd jail (jail.local / jail.d) with an available filter bans after at most maxRetry failures for at least minBanSeconds.",
    severity: "high",
    remediationSteps: "The kit writes /etc/fail2ban/jail.d/sshd.local (maxretry 5, bantime 1h). In your own program, install fail2ban and write a jail file with [sshd] enabled = true, maxretry <= 5 and bantime >= 10m.",
    config: {
        maxRetry: { type: "integer", minimum: 1, default: 5, description: "Most failures before a ban." },
        minBanSeconds: { type: "integer", minimum: 1, default: 600, description: "Shortest ban, in seconds." },
    },
    validate: (context) => {
        eachAppHost(context, (_host, config, source) => {
            if (!packagesOf(config).includes("fail2ban") || isDisabledAtBoot(config, "fail2ban")) {
                context.report("does not install and run fail2ban", source);
                return;
            }
            const jails = jailsOf(config).filter((jail) => jail.enabled && jail.name === "sshd");
            if (jails.length === 0) {
                context.report("has no enabled fail2ban [sshd] jail", source);
                return;
            }
            for (const problem of jailStrength(config, jails, context.config.maxRetry, context.config.minBanSeconds).problems) {
                context.report(problem, source);
            }
        });
    },
});

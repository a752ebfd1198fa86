import { ufwEnabledProblems } from "../../../lib/host-checks";
import { PortRange, coversRange, describeRange, parsePortSpec } from "../../../lib/network";
import { automatedRule } from "../../../lib/rule";
import { ufwOf } from "../../../lib/ufw";
import { eachAppHost } from "../../voiceassist";

export default automatedRule<{ allowedPorts: string[] }>({
    name: "ufw",
    items: ["VA-1.3.4"],
    description:
        "Reads each VoiceAssist server's cloud-init: ufw is installed, denies incoming traffic by default, is enabled by a boot command (`ufw --force enable`), every rule letting traffic in (by port, service name such as ssh or https, or application profile such as OpenSSH or \"Nginx Full\") opens a range within allowedPorts (80, 443 and 22), and every ufw command can be read.",
    severity: "critical",
    remediationSteps:
        "The kit runs `ufw default deny incoming`, allows 22 (from `readiness-kit:voiceassistAdminCidrs`), 80 and 443, then `ufw --force enable`. In your own program, add those runcmd lines and remove allow rules for other ports.",
    config: { allowedPorts: { type: "array", items: { type: "string" }, default: ["80/tcp", "443/tcp", "22/tcp"], description: "Ranges ufw may let in." } },
    validate: (context) => {
        const allowed = context.config.allowedPorts.map(parsePortSpec).filter((range): range is PortRange => range !== undefined);
        eachAppHost(context, (_host, config, source) => {
            for (const problem of ufwEnabledProblems(config)) {
                context.report(problem, source);
            }
            const ufw = ufwOf(config);
            for (const command of ufw.unreadable) {
                context.report(`runs a ufw command the policy cannot read (${command}), so the ports it opens cannot be shown to be within ${context.config.allowedPorts.join(", ")}`, source);
            }
            for (const rule of ufw.rules.filter((entry) => entry.action !== "deny" && entry.action !== "reject")) {
                if (!allowed.some((range) => coversRange(range, rule))) {
                    context.report(`lets ${describeRange(rule)} in through ufw (${rule.command}); only ${context.config.allowedPorts.join(", ")} are allowed`, source);
                }
            }
        });
    },
});

import { ufwEnabledProblems } from "../../../lib/host-checks";
import { PortRange, coversRange, describeRange, parsePortSpec } from "../../../lib/network";
import { automatedRule } from "../../../lib/rule";
import { ufwOf } from "../../../lib/ufw";
import { eachAppHost } from "../../voiceassist";

export default automatedRule<{ allowedPorts: string[] }>({
    name: "ufw",
    items: ["VA-1.3.4"],
    description:
        "Reads each VoiceAssist server's cloud-init: ufw is installed, denies incoming traffic by default, is enabled by a boot command (`ufw --force enable`), and every rule letting traffic in opens a range within allowedPorts (80, 443 and 22).",
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
            for (const rule of ufwOf(config).rules.filter((entry) => entry.action !== "deny" && entry.action !== "reject")) {
                if (!allowed.some((range) => coversRange(range, rule))) {
                    context.report(`lets ${describeRange(rule)} in through ufw (${rule.command}); only ${context.config.allowedPorts.join(", ")} are allowed`, source);
                }
            }
        });
    },
});

import { filesOf, packagesOf } from "../../../lib/cloud-init";
import { automatedRule } from "../../../lib/rule";
import { isDisabledAtBoot, isStartedAtBoot, simpleCommands } from "../../../lib/systemd";
import { eachAppHost } from "../../voiceassist";

export default automatedRule<{ watchedPaths: string[] }>({
    name: "auditd",
    items: ["VA-1.3.6"],
    description:
        "Reads each VoiceAssist server's cloud-init: auditd is installed and started at boot (not disabled), rules are written to /etc/audit/rules.d/*.rules and loaded (augenrules --load, or auditd started after they are written), and the rules watch every path in watchedPaths (identity and privilege files).",
    severity: "high",
    remediationSteps:
        "The kit installs auditd, writes /etc/audit/rules.d/hipaa.rules and runs `augenrules --load`. In your own program, do the same; include `-w /etc/passwd -p wa`, `-w /etc/group -p wa` and `-w /etc/sudoers -p wa`.",
    config: { watchedPaths: { type: "array", items: { type: "string" }, default: ["/etc/passwd", "/etc/group", "/etc/sudoers"], description: "Paths the audit rules must watch (-w)." } },
    validate: (context) => {
        eachAppHost(context, (_host, config, source) => {
            if (!packagesOf(config).includes("auditd") || isDisabledAtBoot(config, "auditd")) {
                context.report("does not install and run auditd", source);
                return;
            }
            const rules = [...filesOf(config).entries()].filter(([path]) => /^\/etc\/audit\/rules\.d\/[^/]+\.rules$/.test(path));
            if (rules.length === 0) {
                context.report("writes no audit rules (/etc/audit/rules.d/*.rules), so auditd records nothing of interest", source);
                return;
            }
            const loaded = simpleCommands(config).some((command) => /^augenrules\s+--load/.test(command)) || isStartedAtBoot(config, "auditd");
            if (!loaded) {
                context.report("never loads its audit rules (augenrules --load) or starts auditd", source);
            }
            const text = rules.map(([, file]) => file.content).join("\n");
            const missing = context.config.watchedPaths.filter((path) => !new RegExp(`^\\s*-w\\s+${path.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}\\s`, "m").test(text));
            if (missing.length > 0) {
                context.report(`audit rules do not watch ${missing.join(", ")}`, source);
            }
        });
    },
});

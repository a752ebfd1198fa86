import { usersOf } from "../../../lib/host-files";
import { sshPasswordProblem } from "../../../lib/host-checks";
import { automatedRule } from "../../../lib/rule";
import { eachAppHost } from "../../voiceassist";

export default automatedRule({
    name: "ssh-password-off",
    items: ["VA-1.3.2"],
    description:
        "Reads each VoiceAssist server's cloud-init: SSH password login is off (ssh_pwauth: false), root login is not re-enabled (disable_root), no user gets a password (passwd, hashed_passwd, plain_text_passwd or lock_passwd: false), and no file re-enables PasswordAuthentication in sshd_config(.d).",
    severity: "critical",
    remediationSteps: "The kit sets ssh_pwauth: false and locks every user's password. In your own program, set ssh_pwauth: false, keep disable_root, and give users ssh_authorized_keys instead of passwords.",
    validate: (context) => {
        eachAppHost(context, (_host, config, source) => {
            const problem = sshPasswordProblem(config);
            if (problem) {
                context.report(problem, source);
            }
            if (config.disable_root === false) {
                context.report("re-enables root login (disable_root: false)", source);
            }
            for (const user of usersOf(config).filter((entry) => entry.password)) {
                context.report(`gives user ${user.name} a password`, source);
            }
            for (const file of config.write_files ?? []) {
                if (/^\/etc\/ssh\/sshd_config(\.d\/.+)?$/.test(file.path) && /^\s*PasswordAuthentication\s+yes/im.test(file.content ?? "")) {
                    context.report(`turns PasswordAuthentication back on in ${file.path}`, source);
                }
            }
        });
    },
});

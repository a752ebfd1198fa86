import { isDisabledAtBoot } from "../../../lib/systemd";
import { simpleCommands } from "../../../lib/systemd";
import { automatedRule } from "../../../lib/rule";
import { eachAppWeb } from "../../voiceassist";

export default automatedRule({
    name: "nginx-reloaded",
    items: ["VA-4.2.8"],
    description:
        "Each VoiceAssist server's boot commands reload (or restart) nginx after cloud-init wrote its configuration (`systemctl reload nginx`), and nothing disables nginx, so the site it serves is the one written.",
    severity: "medium",
    remediationSteps: "The kit runs `systemctl reload nginx` after `nginx -t`. In your own program, add it to runcmd.",
    validate: (context) => {
        eachAppWeb(context, ({ config, source }) => {
            if (!simpleCommands(config).some((command) => /^(systemctl\s+(reload|restart|reload-or-restart)\s+nginx|nginx\s+-s\s+reload)/.test(command))) {
                context.report("never reloads nginx after writing its configuration (`systemctl reload nginx`)", source);
            }
            if (isDisabledAtBoot(config, "nginx")) {
                context.report("disables nginx", source);
            }
        });
    },
});

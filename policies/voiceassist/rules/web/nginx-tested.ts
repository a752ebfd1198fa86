import { simpleCommands } from "../../../lib/systemd";
import { automatedRule } from "../../../lib/rule";
import { eachAppWeb } from "../../voiceassist";

export default automatedRule({
    name: "nginx-tested",
    items: ["VA-4.2.7"],
    description:
        "Each VoiceAssist server's boot commands test the nginx configuration (`nginx -t`) before nginx is reloaded or restarted, so a broken configuration stops the deployment instead of the site; and the configuration the document writes parses (balanced blocks, terminated directives).",
    severity: "medium",
    remediationSteps: "The kit runs `nginx -t` then `systemctl reload nginx` in runcmd. In your own program, add both lines, in that order.",
    validate: (context) => {
        eachAppWeb(context, ({ config, nginx, source }) => {
            const commands = simpleCommands(config);
            const test = commands.findIndex((command) => /^nginx\s+(-t|-T)\b/.test(command));
            const reload = commands.findIndex((command) => /^(systemctl\s+(reload|restart)\s+nginx|nginx\s+-s\s+reload)/.test(command));
            if (test < 0) {
                context.report("never tests the nginx configuration (`nginx -t`)", source);
            } else if (reload >= 0 && reload < test) {
                context.report("reloads nginx before testing its configuration", source);
            }
            if (nginx.length === 0) {
                context.report("writes no nginx configuration that parses", source);
            }
        });
    },
});

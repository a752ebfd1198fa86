import { packagesOf } from "../../../lib/cloud-init";
import { simpleCommands } from "../../../lib/systemd";
import { automatedRule } from "../../../lib/rule";
import { eachPbxHost } from "../../pbx";

export default automatedRule({
    name: "install-prod",
    items: ["WP-2.1.1.3"],
    description: "The PBX host's boot commands run `make install-prod` (the production dependency set) after cloning the repository, with make installed.",
    severity: "high",
    remediationSteps: "The kit runs `cd /opt/pbx && make install-prod`. In your own program, add make to packages and that command to runcmd after the clone.",
    validate: (context) => {
        eachPbxHost(context, (_host, config, source) => {
            const commands = simpleCommands(config);
            const install = commands.findIndex((command) => /^make\b.*\binstall-prod\b/.test(command));
            const clone = commands.findIndex((command) => /^git\s+clone\b/.test(command));
            if (install < 0) {
                context.report("never runs `make install-prod`, so production dependencies are not installed", source);
            } else if (clone >= 0 && install < clone) {
                context.report("runs `make install-prod` before cloning the repository", source);
            } else if (!packagesOf(config).includes("make")) {
                context.report("runs make without installing it", source);
            }
        });
    },
});

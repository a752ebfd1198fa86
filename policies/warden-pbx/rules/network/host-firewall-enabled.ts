import { ufwEnabledProblems } from "../../../lib/host-checks";
import { automatedRule } from "../../../lib/rule";
import { eachPbxHost } from "../../pbx";

export default automatedRule({
    name: "host-firewall-enabled",
    items: ["WP-3.4.1.1"],
    description:
        "Reads the PBX host's cloud-init: the ufw package is installed, incoming traffic is denied by default and a boot command enables the firewall (`ufw --force enable`, which also enables it on every later boot).",
    severity: "critical",
    remediationSteps:
        "The kit installs ufw, runs `ufw default deny incoming` and `ufw --force enable`. In your own program, add ufw to packages and those two lines (after the allow rules) to runcmd.",
    validate: (context) => {
        eachPbxHost(context, (_host, config, source) => {
            for (const problem of ufwEnabledProblems(config)) {
                context.report(problem, source);
            }
        });
    },
});

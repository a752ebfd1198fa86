import { packagesOf } from "../../../lib/cloud-init";
import { automatedRule } from "../../../lib/rule";
import { ufwOf } from "../../../lib/ufw";
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
            const ufw = ufwOf(config);
            if (!packagesOf(config).includes("ufw")) {
                context.report("does not install ufw", source);
            }
            if (ufw.defaultIncoming !== "deny" && ufw.defaultIncoming !== "reject") {
                context.report("does not deny incoming traffic by default (`ufw default deny incoming`)", source);
            }
            if (!ufw.enabled) {
                context.report("never enables the host firewall (`ufw --force enable`)", source);
            }
        });
    },
});

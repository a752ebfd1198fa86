import { hostGroups, ingressRules, rulesOfGroups, describeRange } from "../../../lib/network";
import { automatedRule } from "../../../lib/rule";
import { ufwAdmits, ufwOf } from "../../../lib/ufw";
import { eachPbxHost } from "../../pbx";

export default automatedRule({
    name: "host-firewall-rules",
    items: ["WP-1.1.3.3"],
    description:
        "Reads the ufw commands of the PBX host's cloud-init: incoming traffic is denied by default, every ufw command is understood, and every port range the host's security groups open has a matching ufw allow rule, so the host firewall enforces the same openings as the cloud firewall. Hosts configured with raw iptables instead of ufw are not recognized.",
    severity: "high",
    remediationSteps:
        "The kit's PBX host runs `ufw default deny incoming` and one `ufw allow <port>/<proto>` per opened port. In your own program, add those lines to runcmd for every port your security groups open.",
    validate: (context) => {
        const rules = ingressRules(context.resources);
        eachPbxHost(context, (host, config, source) => {
            const ufw = ufwOf(config);
            if (ufw.defaultIncoming !== "deny" && ufw.defaultIncoming !== "reject") {
                context.report("does not deny incoming traffic by default (`ufw default deny incoming`)", source);
            }
            for (const command of ufw.unreadable) {
                context.report(`runs a ufw command the policy cannot read: ${command}`, source);
            }
            const opened = rulesOfGroups(rules, hostGroups(context.resources, host)).filter((rule) => rule.protocol === "tcp" || rule.protocol === "udp");
            for (const rule of opened) {
                if (ufwAdmits(ufw, rule).length === 0) {
                    context.report(`has no ufw rule for ${describeRange(rule)}, which security group rule "${rule.rule.name}" opens`, source);
                }
            }
        });
    },
});

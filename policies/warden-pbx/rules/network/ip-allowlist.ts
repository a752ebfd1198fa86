import { PortRange, cidrWithin, describeRange, ingressRules, isAnySource, overlapsRange, parsePortSpec } from "../../../lib/network";
import { pbxHosts, cloudConfigOfHost } from "../../../lib/hosts";
import { automatedRule } from "../../../lib/rule";
import { NO_PBX_HOST } from "../../pbx";
import { ufwOf } from "../../../lib/ufw";

export default automatedRule<{ adminPorts: string[]; adminCidrs: string[] }>({
    name: "ip-allowlist",
    items: ["WP-3.4.1.3"],
    description:
        "Every security group rule and every ufw rule of the PBX hosts that opens an administrative port (adminPorts) must admit only sources inside adminCidrs; ufw rules by service name (ssh, https, sip, ...) or application profile (OpenSSH, \"Nginx Full\", ...) count with their ports, and a ufw command the policy cannot read fails. When no rule opens an administrative port (administration through SSM Session Manager) the item does not apply.",
    severity: "high",
    remediationSteps:
        "Set this policy's `adminCidrs` (and `readiness-kit:wardenAdminCidrs` in the kit) to your administrators' networks, and restrict SSH rules to them: security group rules with cidrIpv4 from that list, ufw rules `ufw allow from <cidr> to any port 22 proto tcp`.",
    config: {
        adminPorts: { type: "array", items: { type: "string" }, default: ["22/tcp"], description: "Administrative ports." },
        adminCidrs: { type: "array", items: { type: "string" }, default: [], description: "Networks administrators connect from." },
    },
    validate: ({ resources, config, report, notApplicable }) => {
        const adminPorts = config.adminPorts.map(parsePortSpec).filter((range): range is PortRange => range !== undefined);
        const allowed = (source: string) => config.adminCidrs.some((cidr) => cidrWithin(source, cidr));
        let adminRules = 0;
        for (const rule of ingressRules(resources)) {
            if (!adminPorts.some((port) => overlapsRange(rule, port)) || rule.cidrs.length === 0) {
                continue;
            }
            adminRules += 1;
            const outside = rule.cidrs.filter((cidr) => !allowed(cidr));
            if (outside.length > 0) {
                report(`admits ${describeRange(rule)} from ${outside.join(", ")}, outside the allow-list (${config.adminCidrs.join(", ") || "empty"})`, rule.rule);
            }
        }
        const hosts = pbxHosts(resources);
        if (hosts.length === 0) {
            report(NO_PBX_HOST);
            return;
        }
        for (const host of hosts) {
            const cloud = cloudConfigOfHost(host);
            if ("problem" in cloud) {
                report(cloud.problem, cloud.source);
                continue;
            }
            const ufw = ufwOf(cloud.config);
            // A command the policy cannot read may open an administrative port: it counts as one, unproven.
            for (const command of ufw.unreadable) {
                adminRules += 1;
                report(`runs a ufw command the policy cannot read (${command}), so whether it opens an administrative port to sources outside the allow-list cannot be shown`, cloud.source);
            }
            for (const rule of ufw.rules.filter((entry) => entry.action !== "deny" && entry.action !== "reject" && adminPorts.some((port) => overlapsRange(entry, port)))) {
                adminRules += 1;
                if (isAnySource(rule.source) || !allowed(rule.source)) {
                    report(`lets ${describeRange(rule)} in from ${rule.source} through ufw (${rule.command}), outside the allow-list`, cloud.source);
                }
            }
        }
        if (adminRules === 0) {
            notApplicable("no firewall rule opens an administrative port: hosts are administered without inbound access (SSM Session Manager)");
        }
    },
});

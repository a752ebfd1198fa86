import { exposureFindings } from "../../../lib/network";
import { pbxHosts } from "../../../lib/hosts";
import { automatedRule } from "../../../lib/rule";
import { NO_PBX_HOST } from "../../pbx";

export default automatedRule<{ publicPorts: string[]; adminPorts: string[]; adminCidrs: string[] }>({
    name: "only-required-ports",
    items: ["WP-3.4.1.2"],
    description:
        "Stack-wide over every security group rule of the program (inline ingress, aws:ec2/securityGroupRule, aws:vpc/securityGroupIngressRule): a rule admitting an internet (non-private) CIDR may only open a range within publicPorts, or a range within adminPorts when every such source lies inside adminCidrs. Rules between security groups or from private address space are internal and allowed.",
    severity: "critical",
    remediationSteps:
        "Remove the offending ingress rule, narrow its port range, or restrict its source. In the kit, administrative access goes through SSM Session Manager; to allow SSH, set `readiness-kit:wardenAdminCidrs` and list the same CIDRs in this policy's `adminCidrs`.",
    config: {
        publicPorts: {
            type: "array",
            items: { type: "string", pattern: "^(\\d+([-:]\\d+)?/(tcp|udp))$" },
            default: ["5060/udp", "5061/tcp", "10000-20000/udp", "443/tcp", "80/tcp"],
            description: "Port ranges that may be open to the internet (5061/tcp is SIP over TLS; 80/tcp only redirects to HTTPS).",
        },
        adminPorts: { type: "array", items: { type: "string" }, default: ["22/tcp"], description: "Administrative ports, open only to adminCidrs." },
        adminCidrs: { type: "array", items: { type: "string" }, default: [], description: "Networks administrators connect from (e.g. the office VPN)." },
    },
    validate: ({ resources, config, report }) => {
        if (pbxHosts(resources).length === 0) {
            report(NO_PBX_HOST);
        }
        for (const finding of exposureFindings(resources, config)) {
            report(finding.message, finding.rule);
        }
    },
});

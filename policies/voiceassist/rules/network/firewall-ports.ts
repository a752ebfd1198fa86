import { exposureFindings } from "../../../lib/network";
import { automatedRule } from "../../../lib/rule";
import { NO_APP_HOST, appHosts } from "../../voiceassist";

export default automatedRule<{ publicPorts: string[]; adminPorts: string[]; adminCidrs: string[]; minAdminPrefix: number }>({
    name: "firewall-ports",
    items: ["VA-1.2.4"],
    description:
        "Stack-wide over every security group rule (inline ingress, aws:ec2/securityGroupRule, aws:vpc/securityGroupIngressRule): a rule admitting an internet (non-private) CIDR may only open publicPorts (80, 443), or adminPorts (22) from adminCidrs (when empty: from public networks of prefix minAdminPrefix or narrower, never the world). Rules between security groups or from private address space are internal.",
    severity: "critical",
    remediationSteps:
        "Remove or narrow the offending ingress rule. In the kit, SSH is opened only to `readiness-kit:voiceassistAdminCidrs`; list the same CIDRs in this policy's `adminCidrs`.",
    config: {
        publicPorts: { type: "array", items: { type: "string" }, default: ["80/tcp", "443/tcp"], description: "Ranges that may be open to the internet." },
        adminPorts: { type: "array", items: { type: "string" }, default: ["22/tcp"], description: "Administrative ranges, open only to administrators' networks." },
        adminCidrs: { type: "array", items: { type: "string" }, default: [], description: "Networks administrators connect from." },
        minAdminPrefix: { type: "integer", minimum: 1, maximum: 32, default: 16, description: "With no adminCidrs: the widest public network (prefix length) an administrative port may be open to." },
    },
    validate: ({ resources, config, report }) => {
        if (appHosts(resources).length === 0) {
            report(NO_APP_HOST);
        }
        for (const finding of exposureFindings(resources, config)) {
            report(finding.message, finding.rule);
        }
    },
});

import { exposureFindings, ingressRules } from "../../../lib/network";
import { automatedRule } from "../../../lib/rule";
import { ufwOf } from "../../../lib/ufw";
import { eachAppHost } from "../../voiceassist";

export default automatedRule<{ publicPorts: string[]; adminPorts: string[]; adminCidrs: string[]; minAdminPrefix: number }>({
    name: "strict-firewall",
    items: ["VA-11.3.3"],
    description:
        "Deny all, allow specific: no security group rule admits all protocols or all ports from an address range (only from named security groups), internet-facing rules open only publicPorts or adminPorts from administrators' networks (as VA-1.2.4), and every VoiceAssist server's ufw denies incoming traffic by default.",
    severity: "critical",
    remediationSteps: "The kit opens only named ports between named security groups and runs `ufw default deny incoming`. In your own program, replace all-traffic rules by rules for the ports a service needs and keep ufw denying by default.",
    config: {
        publicPorts: { type: "array", items: { type: "string" }, default: ["80/tcp", "443/tcp"], description: "Ranges that may be open to the internet." },
        adminPorts: { type: "array", items: { type: "string" }, default: ["22/tcp"], description: "Administrative ranges." },
        adminCidrs: { type: "array", items: { type: "string" }, default: [], description: "Networks administrators connect from." },
        minAdminPrefix: { type: "integer", minimum: 1, maximum: 32, default: 16, description: "With no adminCidrs: the widest public network an administrative port may be open to." },
    },
    validate: (context) => {
        for (const rule of ingressRules(context.resources)) {
            const everything = rule.protocol === "all" || (rule.fromPort === 0 && rule.toPort === 65535);
            if (everything && rule.cidrs.length > 0) {
                context.report(`admits all ${rule.protocol === "all" ? "traffic" : `${rule.protocol} ports`} from ${rule.cidrs.join(", ")}; allow only the ports needed`, rule.rule);
            }
        }
        for (const finding of exposureFindings(context.resources, context.config)) {
            context.report(finding.message, finding.rule);
        }
        eachAppHost(context, (_host, config, source) => {
            const ufw = ufwOf(config);
            if ((ufw.defaultIncoming !== "deny" && ufw.defaultIncoming !== "reject") || !ufw.enabled) {
                context.report("does not run ufw with incoming traffic denied by default", source);
            }
        });
    },
});

// A security group with exactly the rules given: one ingress rule resource per rule (so each is
// visible and reviewable), and egress as given. Nothing else is open.
import * as pulumi from "@pulumi/pulumi";
import * as ec2 from "@pulumi/aws/ec2";
import * as vpc from "@pulumi/aws/vpc";

export interface IngressRule {
    /** Used in the rule's resource name. */
    readonly name: string;
    readonly protocol: "tcp" | "udp";
    readonly fromPort: number;
    readonly toPort: number;
    /** Sources: CIDR blocks ... */
    readonly cidrs?: string[];
    /** ... or another security group. */
    readonly sourceSecurityGroupId?: pulumi.Input<string>;
    readonly description: string;
}

export interface FirewallArgs {
    readonly vpcId: pulumi.Input<string>;
    readonly description: string;
    readonly ingress: IngressRule[];
    /** Outbound: everywhere (default), or nothing. */
    readonly egress?: "all" | "none";
    readonly tags: Record<string, string>;
}

export class Firewall extends pulumi.ComponentResource {
    readonly securityGroup: ec2.SecurityGroup;
    readonly id: pulumi.Output<string>;

    constructor(name: string, args: FirewallArgs, opts?: pulumi.ComponentResourceOptions) {
        super("readiness:network:Firewall", name, {}, opts);
        this.securityGroup = new ec2.SecurityGroup(`${name}-sg`, { vpcId: args.vpcId, description: args.description, tags: { ...args.tags, Name: name } }, { parent: this });
        this.id = this.securityGroup.id;
        for (const rule of args.ingress) {
            const common = { securityGroupId: this.securityGroup.id, ipProtocol: rule.protocol, fromPort: rule.fromPort, toPort: rule.toPort, description: rule.description, tags: { ...args.tags, Name: `${name}-${rule.name}` } };
            if (rule.sourceSecurityGroupId) {
                new vpc.SecurityGroupIngressRule(`${name}-${rule.name}`, { ...common, referencedSecurityGroupId: rule.sourceSecurityGroupId }, { parent: this });
            }
            (rule.cidrs ?? []).forEach((cidr, index) => {
                const suffix = (rule.cidrs ?? []).length > 1 ? `-${index}` : "";
                new vpc.SecurityGroupIngressRule(`${name}-${rule.name}${suffix}`, { ...common, ...(cidr.includes(":") ? { cidrIpv6: cidr } : { cidrIpv4: cidr }) }, { parent: this });
            });
        }
        if ((args.egress ?? "all") === "all") {
            new vpc.SecurityGroupEgressRule(`${name}-egress`, { securityGroupId: this.securityGroup.id, ipProtocol: "-1", cidrIpv4: "0.0.0.0/0", description: "outbound", tags: { ...args.tags, Name: `${name}-egress` } }, { parent: this });
        }
        this.registerOutputs({ id: this.id });
    }
}

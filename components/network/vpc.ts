// A VPC over several availability zones: a public and a private subnet in each, an internet
// gateway, a NAT gateway per zone (no zone depends on another), and flow logs of all traffic to
// an encrypted log group.
import * as pulumi from "@pulumi/pulumi";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as ec2 from "@pulumi/aws/ec2";
import * as iam from "@pulumi/aws/iam";
import { getAvailabilityZonesOutput } from "@pulumi/aws/getAvailabilityZones";

export interface VpcArgs {
    /** IPv4 block of the VPC, a /16 to /20. */
    readonly cidrBlock: string;
    /** Availability zones used. Default 2; at least 2. */
    readonly zoneCount?: number;
    /** KMS key of the flow-log group. */
    readonly kmsKeyArn: pulumi.Input<string>;
    /** Days flow logs are kept. Default 90. */
    readonly flowLogRetentionDays?: number;
    readonly tags: Record<string, string>;
}

export function validateVpcArgs(args: Pick<VpcArgs, "cidrBlock" | "zoneCount">): { propertyPath: string; reason: string }[] {
    const problems: { propertyPath: string; reason: string }[] = [];
    const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(args.cidrBlock);
    if (!match || match.slice(1, 5).some((octet) => Number(octet) > 255) || Number(match[5]) < 16 || Number(match[5]) > 20) {
        problems.push({ propertyPath: "cidrBlock", reason: `'${args.cidrBlock}' is not an IPv4 block from /16 to /20` });
    }
    if ((args.zoneCount ?? 2) < 2) {
        problems.push({ propertyPath: "zoneCount", reason: "at least 2 availability zones are required" });
    }
    return problems;
}

/** The i-th /24-sized (or proportional) subnet of the VPC block: public subnets first, then private. */
export function subnetCidr(vpcCidr: string, index: number): string {
    const [address, prefix] = vpcCidr.split("/");
    const base = address.split(".").reduce((total, octet) => total * 256 + Number(octet), 0);
    const subnetPrefix = Number(prefix) + 4;
    const start = base + index * 2 ** (32 - subnetPrefix);
    return `${[24, 16, 8, 0].map((shift) => Math.floor(start / 2 ** shift) % 256).join(".")}/${subnetPrefix}`;
}

export class Vpc extends pulumi.ComponentResource {
    readonly vpc: ec2.Vpc;
    readonly publicSubnets: ec2.Subnet[] = [];
    readonly privateSubnets: ec2.Subnet[] = [];
    readonly zones: pulumi.Output<string>[] = [];

    constructor(name: string, args: VpcArgs, opts?: pulumi.ComponentResourceOptions) {
        super("readiness:network:Vpc", name, {}, opts);
        const problems = validateVpcArgs(args);
        if (problems.length > 0) {
            throw new pulumi.InputPropertiesError({ message: `invalid arguments for Vpc ${name}`, errors: problems });
        }
        const tags = (part: string, extra: Record<string, string> = {}) => ({ ...args.tags, Name: `${name}-${part}`, ...extra });
        // The kubernetes.io/role tags tell Kubernetes' AWS cloud provider where its load balancers go (internal ones in private subnets).
        const zoneCount = args.zoneCount ?? 2;
        const zones = getAvailabilityZonesOutput({ state: "available" }, { parent: this }).names;

        this.vpc = new ec2.Vpc(`${name}-vpc`, { cidrBlock: args.cidrBlock, enableDnsHostnames: true, enableDnsSupport: true, tags: tags("vpc") }, { parent: this });
        const gateway = new ec2.InternetGateway(`${name}-igw`, { vpcId: this.vpc.id, tags: tags("igw") }, { parent: this });
        const publicRoutes = new ec2.RouteTable(`${name}-public-routes`, { vpcId: this.vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: gateway.id }], tags: tags("public-routes") }, { parent: this });
        // The default security group admits nothing: every group the kit uses is explicit.
        new ec2.DefaultSecurityGroup(`${name}-default-sg`, { vpcId: this.vpc.id, tags: tags("default-sg") }, { parent: this });

        for (let index = 0; index < zoneCount; index++) {
            const zone = zones.apply((names) => names[index]);
            this.zones.push(zone);
            const publicSubnet = new ec2.Subnet(
                `${name}-public-${index}`,
                { vpcId: this.vpc.id, availabilityZone: zone, cidrBlock: subnetCidr(args.cidrBlock, index), mapPublicIpOnLaunch: false, tags: tags(`public-${index}`, { "readiness:tier": "public", "kubernetes.io/role/elb": "1" }) },
                { parent: this },
            );
            new ec2.RouteTableAssociation(`${name}-public-${index}`, { subnetId: publicSubnet.id, routeTableId: publicRoutes.id }, { parent: this });
            const natIp = new ec2.Eip(`${name}-nat-${index}`, { domain: "vpc", tags: tags(`nat-${index}`) }, { parent: this });
            const nat = new ec2.NatGateway(`${name}-nat-${index}`, { subnetId: publicSubnet.id, allocationId: natIp.allocationId, tags: tags(`nat-${index}`) }, { parent: this, dependsOn: [gateway] });
            const privateSubnet = new ec2.Subnet(
                `${name}-private-${index}`,
                { vpcId: this.vpc.id, availabilityZone: zone, cidrBlock: subnetCidr(args.cidrBlock, zoneCount + index), tags: tags(`private-${index}`, { "readiness:tier": "private", "kubernetes.io/role/internal-elb": "1" }) },
                { parent: this },
            );
            const privateRoutes = new ec2.RouteTable(`${name}-private-routes-${index}`, { vpcId: this.vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id }], tags: tags(`private-routes-${index}`) }, { parent: this });
            new ec2.RouteTableAssociation(`${name}-private-${index}`, { subnetId: privateSubnet.id, routeTableId: privateRoutes.id }, { parent: this });
            this.publicSubnets.push(publicSubnet);
            this.privateSubnets.push(privateSubnet);
        }

        const flowLogs = new cloudwatch.LogGroup(`${name}-flow-logs`, { name: `/${name}/vpc-flow-logs`, retentionInDays: args.flowLogRetentionDays ?? 90, kmsKeyId: args.kmsKeyArn, tags: tags("flow-logs") }, { parent: this });
        const flowRole = new iam.Role(
            `${name}-flow-logs`,
            { assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "vpc-flow-logs.amazonaws.com" }, Action: "sts:AssumeRole" }] }), tags: tags("flow-logs-role") },
            { parent: this },
        );
        new iam.RolePolicy(
            `${name}-flow-logs`,
            {
                role: flowRole.id,
                policy: flowLogs.arn.apply((arn) =>
                    JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"], Resource: [arn, `${arn}:*`] }] }),
                ),
            },
            { parent: this },
        );
        new ec2.FlowLog(`${name}-flow-log`, { vpcId: this.vpc.id, trafficType: "ALL", logDestinationType: "cloud-watch-logs", logDestination: flowLogs.arn, iamRoleArn: flowRole.arn, maxAggregationInterval: 60, tags: tags("flow-log") }, { parent: this });

        this.registerOutputs({ vpcId: this.vpc.id, publicSubnetIds: this.publicSubnets.map((subnet) => subnet.id), privateSubnetIds: this.privateSubnets.map((subnet) => subnet.id) });
    }
}

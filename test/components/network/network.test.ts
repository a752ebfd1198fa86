import { Firewall } from "../../../components/network/firewall";
import { Vpc, subnetCidr, validateVpcArgs } from "../../../components/network/vpc";
import { RecordingSession } from "../../../gate/program";
import { inputsOf, named, ofType, recordingMocks } from "../../helpers/mocks";

let session: RecordingSession;
const tags = { "readiness:blueprint": "warden-pbx" };

beforeAll(async () => {
    session = await recordingMocks();
    new Vpc("net", { cidrBlock: "10.20.0.0/16", kmsKeyArn: "arn:key", tags });
    new Firewall("edge", {
        vpcId: "vpc-1",
        description: "edge",
        ingress: [
            { name: "sip", protocol: "udp", fromPort: 5060, toPort: 5060, cidrs: ["198.51.100.0/24", "2001:db8::/32"], description: "SIP" },
            { name: "web", protocol: "tcp", fromPort: 80, toPort: 80, sourceSecurityGroupId: "sg-lb", description: "from the load balancer" },
        ],
        egress: "none",
        tags,
    });
    await session.settle();
});

describe("Vpc", () => {
    it("spans two zones with a public and a private subnet each, NAT per zone", () => {
        expect(inputsOf(named(session, "aws:ec2/vpc:Vpc", "net-vpc"))).toEqual({ cidrBlock: "10.20.0.0/16", enableDnsHostnames: true, enableDnsSupport: true, tags: { ...tags, Name: "net-vpc" } });
        const subnets = ofType(session, "aws:ec2/subnet:Subnet").map((subnet) => inputsOf(subnet));
        const layout = subnets.map((subnet) => [subnet.cidrBlock, subnet.availabilityZone, (subnet.tags as Record<string, string>)["readiness:tier"]]).sort((a, b) => String(a[0]).localeCompare(String(b[0]), "en", { numeric: true }));
        expect(layout).toEqual([
            ["10.20.0.0/20", "us-east-1a", "public"],
            ["10.20.16.0/20", "us-east-1b", "public"],
            ["10.20.32.0/20", "us-east-1a", "private"],
            ["10.20.48.0/20", "us-east-1b", "private"],
        ]);
        expect(subnets.every((subnet) => subnet.mapPublicIpOnLaunch !== true)).toBe(true);
        expect(inputsOf(named(session, "aws:ec2/subnet:Subnet", "net-public-0"))).toEqual({
            vpcId: named(session, "aws:ec2/vpc:Vpc", "net-vpc").id,
            availabilityZone: "us-east-1a",
            cidrBlock: "10.20.0.0/20",
            mapPublicIpOnLaunch: false,
            tags: { ...tags, Name: "net-public-0", "readiness:tier": "public", "kubernetes.io/role/elb": "1" },
        });
        expect(inputsOf(named(session, "aws:ec2/subnet:Subnet", "net-private-1"))).toEqual({
            vpcId: named(session, "aws:ec2/vpc:Vpc", "net-vpc").id,
            availabilityZone: "us-east-1b",
            cidrBlock: "10.20.48.0/20",
            tags: { ...tags, Name: "net-private-1", "readiness:tier": "private", "kubernetes.io/role/internal-elb": "1" },
        });
        expect(ofType(session, "aws:ec2/natGateway:NatGateway")).toHaveLength(2);
    });

    it("logs all traffic to an encrypted log group", () => {
        expect(inputsOf(named(session, "aws:ec2/flowLog:FlowLog", "net-flow-log"))).toMatchObject({ trafficType: "ALL", logDestinationType: "cloud-watch-logs", maxAggregationInterval: 60 });
        expect(inputsOf(named(session, "aws:cloudwatch/logGroup:LogGroup", "net-flow-logs"))).toEqual({ name: "/net/vpc-flow-logs", retentionInDays: 90, kmsKeyId: "arn:key", tags: { ...tags, Name: "net-flow-logs" } });
    });

    it("locks down the default security group", () => {
        expect(inputsOf(named(session, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "net-default-sg"))).toEqual({ vpcId: expect.any(String), tags: { ...tags, Name: "net-default-sg" } });
    });

    it("validates its block and zones", () => {
        expect(validateVpcArgs({ cidrBlock: "10.0.0.0/8", zoneCount: 1 })).toEqual([
            { propertyPath: "cidrBlock", reason: "'10.0.0.0/8' is not an IPv4 block from /16 to /20" },
            { propertyPath: "zoneCount", reason: "at least 2 availability zones are required" },
        ]);
        expect(subnetCidr("10.20.0.0/16", 3)).toBe("10.20.48.0/20");
    });
});

describe("Firewall", () => {
    it("opens exactly the rules given, one resource per source, and nothing outbound when asked", () => {
        const rules = ofType(session, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
            .filter((rule) => rule.name.startsWith("edge-"))
            .sort((a, b) => a.name.localeCompare(b.name));
        expect(rules.map((rule) => [rule.name, inputsOf(rule)])).toEqual([
            ["edge-sip-0", { securityGroupId: expect.any(String), ipProtocol: "udp", fromPort: 5060, toPort: 5060, description: "SIP", cidrIpv4: "198.51.100.0/24", tags: { ...tags, Name: "edge-sip" } }],
            ["edge-sip-1", { securityGroupId: expect.any(String), ipProtocol: "udp", fromPort: 5060, toPort: 5060, description: "SIP", cidrIpv6: "2001:db8::/32", tags: { ...tags, Name: "edge-sip" } }],
            ["edge-web", { securityGroupId: expect.any(String), ipProtocol: "tcp", fromPort: 80, toPort: 80, description: "from the load balancer", referencedSecurityGroupId: "sg-lb", tags: { ...tags, Name: "edge-web" } }],
        ]);
        expect(ofType(session, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").filter((rule) => rule.name.startsWith("edge-"))).toEqual([]);
        expect(inputsOf(named(session, "aws:ec2/securityGroup:SecurityGroup", "edge-sg"))).toEqual({ name: expect.stringMatching(/^edge-sg-/), vpcId: "vpc-1", description: "edge", tags: { ...tags, Name: "edge" } });
    });
});

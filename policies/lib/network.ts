// What the cloud firewall lets in. Ingress comes in three shapes that rules must treat alike:
// inline `ingress` blocks of `aws:ec2/securityGroup:SecurityGroup`, `aws:ec2/securityGroupRule:SecurityGroupRule`
// (type ingress) and `aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule`. Each becomes an
// IngressRule with normalized protocol, port range and sources; groups are tied to hosts,
// network interfaces, load balancers and databases through property dependencies.
import { PolicyResource } from "@pulumi/policy";
import { Host } from "./hosts";
import { asNumber, ofType, referenced } from "./resources";

export const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
export const SECURITY_GROUP_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
export const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
export const EGRESS_RULE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
export const NETWORK_INTERFACE = "aws:ec2/networkInterface:NetworkInterface";
export const NETWORK_INTERFACE_ATTACHMENT = "aws:ec2/networkInterfaceAttachment:NetworkInterfaceAttachment";

export type Protocol = "tcp" | "udp" | "icmp" | "icmpv6" | "all" | string;

export interface PortRange {
    protocol: Protocol;
    fromPort: number;
    toPort: number;
}

export interface IngressRule extends PortRange {
    /** The resource declaring the rule (the group itself for inline rules). */
    rule: PolicyResource;
    /** The group the rule belongs to, when the program holds it. */
    group?: PolicyResource;
    cidrs: string[];
    /** Other groups (or the group itself) allowed in. */
    sourceGroups: PolicyResource[];
    /** The source is a managed prefix list. */
    prefixList: boolean;
    description?: string;
}

const PROTOCOL_NUMBERS: Record<string, Protocol> = { "-1": "all", all: "all", "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6" };

export function normalizeProtocol(protocol: unknown): Protocol {
    const text = String(protocol ?? "").toLowerCase();
    return PROTOCOL_NUMBERS[text] ?? text;
}

function portsOf(protocol: Protocol, from: unknown, to: unknown): { fromPort: number; toPort: number } {
    if (protocol === "all" || protocol === "icmp" || protocol === "icmpv6") {
        return { fromPort: 0, toPort: 65535 };
    }
    const fromPort = asNumber(from);
    const toPort = asNumber(to);
    // An absent or -1 range on TCP/UDP means every port.
    if (fromPort === undefined || fromPort < 0) {
        return { fromPort: 0, toPort: 65535 };
    }
    return { fromPort, toPort: toPort === undefined || toPort < 0 ? fromPort : toPort };
}

function strings(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === "string") : [];
}

/** Every ingress rule of the program, whatever shape declares it. */
export function ingressRules(resources: PolicyResource[]): IngressRule[] {
    const rules: IngressRule[] = [];
    for (const group of ofType(resources, SECURITY_GROUP)) {
        const inline = (group.props.ingress ?? []) as Record<string, unknown>[];
        const sources = referenced(group, "ingress", SECURITY_GROUP);
        for (const entry of inline) {
            const protocol = normalizeProtocol(entry.protocol);
            rules.push({
                rule: group,
                group,
                protocol,
                ...portsOf(protocol, entry.fromPort, entry.toPort),
                cidrs: [...strings(entry.cidrBlocks), ...strings(entry.ipv6CidrBlocks)],
                // Which entry names which group is not recorded; the group ids themselves are unknown in a preview.
                sourceGroups: entry.self === true ? [group] : "securityGroups" in entry ? sources : [],
                prefixList: strings(entry.prefixListIds).length > 0,
                description: typeof entry.description === "string" ? entry.description : undefined,
            });
        }
    }
    for (const rule of ofType(resources, SECURITY_GROUP_RULE)) {
        if (rule.props.type !== "ingress") {
            continue;
        }
        const protocol = normalizeProtocol(rule.props.protocol);
        rules.push({
            rule,
            group: referenced(rule, "securityGroupId", SECURITY_GROUP)[0],
            protocol,
            ...portsOf(protocol, rule.props.fromPort, rule.props.toPort),
            cidrs: [...strings(rule.props.cidrBlocks), ...strings(rule.props.ipv6CidrBlocks)],
            sourceGroups: rule.props.self === true ? referenced(rule, "securityGroupId", SECURITY_GROUP) : referenced(rule, "sourceSecurityGroupId", SECURITY_GROUP),
            prefixList: strings(rule.props.prefixListIds).length > 0,
            description: typeof rule.props.description === "string" ? rule.props.description : undefined,
        });
    }
    for (const rule of ofType(resources, INGRESS_RULE)) {
        const protocol = normalizeProtocol(rule.props.ipProtocol);
        const cidrs = [rule.props.cidrIpv4, rule.props.cidrIpv6].filter((cidr): cidr is string => typeof cidr === "string");
        rules.push({
            rule,
            group: referenced(rule, "securityGroupId", SECURITY_GROUP)[0],
            protocol,
            ...portsOf(protocol, rule.props.fromPort, rule.props.toPort),
            cidrs,
            sourceGroups: referenced(rule, "referencedSecurityGroupId", SECURITY_GROUP),
            prefixList: "prefixListId" in rule.props,
            description: typeof rule.props.description === "string" ? rule.props.description : undefined,
        });
    }
    return rules;
}

/** Rules of the given groups. */
export function rulesOfGroups(rules: IngressRule[], groups: PolicyResource[]): IngressRule[] {
    const urns = new Set(groups.map((group) => group.urn));
    return rules.filter((rule) => rule.group !== undefined && urns.has(rule.group.urn));
}

/** Security groups a resource names in `property` (vpcSecurityGroupIds, securityGroups, ...). */
export function groupsIn(resource: PolicyResource, ...properties: string[]): PolicyResource[] {
    return properties.flatMap((property) => referenced(resource, property, SECURITY_GROUP));
}

/** Network interfaces attached to a host (attachment resources or the interface's own attachment). */
export function interfacesOf(resources: PolicyResource[], host: Host): { eni: PolicyResource; deviceIndex?: number }[] {
    const byAttachment = ofType(resources, NETWORK_INTERFACE_ATTACHMENT)
        .filter((attachment) => referenced(attachment, "instanceId").some((target) => target.urn === host.instance.urn))
        .flatMap((attachment) =>
            referenced(attachment, "networkInterfaceId", NETWORK_INTERFACE).map((eni) => ({ eni, deviceIndex: asNumber(attachment.props.deviceIndex) })),
        );
    const inline = ofType(resources, NETWORK_INTERFACE)
        .filter((eni) => referenced(eni, "attachments").some((target) => target.urn === host.instance.urn))
        .map((eni) => {
            const attachments = (eni.props.attachments ?? []) as Record<string, unknown>[];
            return { eni, deviceIndex: asNumber(attachments[0]?.deviceIndex) };
        });
    const launch = [host.instance, host.template]
        .filter((resource): resource is PolicyResource => resource !== undefined)
        .flatMap((resource) => {
            const declared = (resource.props.networkInterfaces ?? []) as Record<string, unknown>[];
            const enis = referenced(resource, "networkInterfaces", NETWORK_INTERFACE);
            // Interfaces named in networkInterfaces, matched to their declared device index when there is one.
            return enis.map((eni, index) => ({ eni, deviceIndex: asNumber(declared[index]?.deviceIndex) }));
        });
    const seen = new Set<string>();
    return [...byAttachment, ...inline, ...launch].filter(({ eni }) => (seen.has(eni.urn) ? false : (seen.add(eni.urn), true)));
}

/** Every security group guarding a host: its own, its launch template's and its interfaces'. */
export function hostGroups(resources: PolicyResource[], host: Host): PolicyResource[] {
    const groups = [
        ...groupsIn(host.instance, "vpcSecurityGroupIds", "securityGroups"),
        ...(host.template ? groupsIn(host.template, "vpcSecurityGroupIds", "securityGroupNames", "networkInterfaces") : []),
        ...interfacesOf(resources, host).flatMap(({ eni }) => groupsIn(eni, "securityGroups")),
    ];
    const seen = new Set<string>();
    return groups.filter((group) => (seen.has(group.urn) ? false : (seen.add(group.urn), true)));
}

/** The list property names no more entries than the program's security groups it refers to: no literal id, no group of another resource's output. */
function namesOnlyProgramGroups(resource: PolicyResource, property: string): boolean {
    const entries = resource.props[property];
    return (Array.isArray(entries) ? entries.length : 0) <= referenced(resource, property, SECURITY_GROUP).length;
}

/**
 * Every security group guarding the host is a security group of this program, whose rules can be
 * read: the instance's and launch template's group lists, the template's network interfaces and
 * the interfaces attached to the host name only groups the program creates (a literal "sg-..."
 * has no rules to read), every attached interface is one of the program's, and the host names
 * some group at all (otherwise it gets its VPC's default group, whose rules the program does not show).
 */
export function hostGroupsReadable(resources: PolicyResource[], host: Host): boolean {
    const template = host.template;
    const declared = (template?.props.networkInterfaces ?? []) as Record<string, unknown>[];
    const templateInterfacesReadable =
        !template ||
        (declared.reduce((count, entry) => count + (Array.isArray(entry.securityGroups) ? entry.securityGroups.length : 0), 0) <= referenced(template, "networkInterfaces", SECURITY_GROUP).length &&
            declared.filter((entry) => "networkInterfaceId" in entry).length <= referenced(template, "networkInterfaces", NETWORK_INTERFACE).length);
    const attachedElsewhere = ofType(resources, NETWORK_INTERFACE_ATTACHMENT).some(
        (attachment) => referenced(attachment, "instanceId").some((target) => target.urn === host.instance.urn) && referenced(attachment, "networkInterfaceId", NETWORK_INTERFACE).length === 0,
    );
    return (
        ["vpcSecurityGroupIds", "securityGroups"].every((property) => namesOnlyProgramGroups(host.instance, property)) &&
        (!template || ["vpcSecurityGroupIds", "securityGroupNames"].every((property) => namesOnlyProgramGroups(template, property))) &&
        templateInterfacesReadable &&
        !attachedElsewhere &&
        // An interface naming no group gets its VPC's default group.
        interfacesOf(resources, host).every(({ eni }) => referenced(eni, "securityGroups", SECURITY_GROUP).length > 0 && namesOnlyProgramGroups(eni, "securityGroups")) &&
        hostGroups(resources, host).length > 0
    );
}

/** The resources declaring egress of the group: its inline egress blocks, and egress rules (SecurityGroupEgressRule, SecurityGroupRule type egress) of it. */
export function egressRulesOf(resources: PolicyResource[], group: PolicyResource): PolicyResource[] {
    const inline = Array.isArray(group.props.egress) && group.props.egress.length > 0 ? [group] : [];
    const ofGroup = (rule: PolicyResource) => referenced(rule, "securityGroupId").some((dependency) => dependency.urn === group.urn);
    return [...inline, ...ofType(resources, EGRESS_RULE).filter(ofGroup), ...ofType(resources, SECURITY_GROUP_RULE).filter((rule) => rule.props.type === "egress" && ofGroup(rule))];
}

export function coversRange(rule: PortRange, wanted: PortRange): boolean {
    const protocolOk = rule.protocol === "all" || rule.protocol === wanted.protocol;
    return protocolOk && rule.fromPort <= wanted.fromPort && rule.toPort >= wanted.toPort;
}

export function overlapsRange(rule: PortRange, other: PortRange): boolean {
    const protocolOk = rule.protocol === "all" || other.protocol === "all" || rule.protocol === other.protocol;
    return protocolOk && rule.fromPort <= other.toPort && other.fromPort <= rule.toPort;
}

export function describeRange(range: PortRange): string {
    const ports = range.fromPort === 0 && range.toPort === 65535 ? "all ports" : range.fromPort === range.toPort ? `${range.fromPort}` : `${range.fromPort}-${range.toPort}`;
    return range.protocol === "all" ? `all traffic` : `${ports}/${range.protocol}`;
}

// --- CIDR arithmetic (IPv4 and IPv6) -------------------------------------------------------------

interface Cidr {
    version: 4 | 6;
    base: bigint;
    prefix: number;
}

function parseIpv4(address: string): bigint | undefined {
    const parts = address.split(".");
    if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) {
        return undefined;
    }
    return parts.reduce((value, part) => (value << 8n) | BigInt(Number(part)), 0n);
}

function parseIpv6(address: string): bigint | undefined {
    const halves = address.split("::");
    if (halves.length > 2) {
        return undefined;
    }
    const head = halves[0] ? halves[0].split(":") : [];
    const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
    const missing = 8 - head.length - tail.length;
    if ((halves.length === 1 && missing !== 0) || missing < 0) {
        return undefined;
    }
    const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill("0"), ...tail];
    if (groups.some((group) => !/^[0-9a-f]{1,4}$/i.test(group))) {
        return undefined;
    }
    return groups.reduce((value, group) => (value << 16n) | BigInt(parseInt(group, 16)), 0n);
}

export function parseCidr(text: string): Cidr | undefined {
    const [address, prefixText] = text.trim().split("/");
    const version = address.includes(":") ? 6 : 4;
    const bits = version === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? bits : Number(prefixText);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) {
        return undefined;
    }
    const value = version === 4 ? parseIpv4(address) : parseIpv6(address);
    if (value === undefined) {
        return undefined;
    }
    const hostBits = BigInt(bits - prefix);
    return { version, base: (value >> hostBits) << hostBits, prefix };
}

/** `inner` lies wholly within `outer`. */
export function cidrWithin(inner: string, outer: string): boolean {
    const a = parseCidr(inner);
    const b = parseCidr(outer);
    if (!a || !b || a.version !== b.version || a.prefix < b.prefix) {
        return false;
    }
    const bits = BigInt((a.version === 4 ? 32 : 128) - b.prefix);
    return a.base >> bits === b.base >> bits;
}

export function isWorld(cidr: string): boolean {
    return parseCidr(cidr)?.prefix === 0;
}

const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7"];

/** RFC 1918 / RFC 6598 / ULA space: not reachable from the internet. */
export function isPrivate(cidr: string): boolean {
    return PRIVATE_RANGES.some((range) => cidrWithin(cidr, range));
}

/** "any" (ufw) or a CIDR covering the whole address space. */
export function isAnySource(source: string): boolean {
    return source === "any" || source === "anywhere" || isWorld(source);
}

/** Rules of the groups that let the whole range in, from any source. */
export function admitting(rules: IngressRule[], groups: PolicyResource[], wanted: PortRange): IngressRule[] {
    return rulesOfGroups(rules, groups).filter((rule) => coversRange(rule, wanted));
}

/** "5060/udp", "10000-20000/udp", "443/tcp", "all" -> a port range. */
export function parsePortSpec(spec: string): PortRange | undefined {
    if (spec === "all") {
        return { protocol: "all", fromPort: 0, toPort: 65535 };
    }
    const match = /^(\d+)(?:[-:](\d+))?\/(tcp|udp)$/.exec(spec.trim());
    return match ? { protocol: match[3], fromPort: Number(match[1]), toPort: Number(match[2] ?? match[1]) } : undefined;
}

/** Sources of a rule as text, for messages. */
export function describeSources(rule: IngressRule): string {
    const sources = [...rule.cidrs, ...rule.sourceGroups.map((group) => `security group "${group.name}"`), ...(rule.prefixList ? ["a prefix list"] : [])];
    return sources.length > 0 ? sources.join(", ") : "no source";
}

/** CIDR sources reachable from the internet (not private address space). */
export function publicCidrs(rule: IngressRule): string[] {
    return rule.cidrs.filter((cidr) => !isPrivate(cidr));
}

export interface ExposurePolicy {
    /** Port ranges that may be open to the internet ("443/tcp"). */
    publicPorts: string[];
    /** Administrative ranges, open only to adminCidrs. */
    adminPorts: string[];
    adminCidrs: string[];
    /**
     * When adminCidrs is empty: administrative ranges may be open to public networks no larger than
     * this prefix (e.g. 16 = a /16 or narrower). Unset: with no adminCidrs, no public source is allowed.
     */
    minAdminPrefix?: number;
}

/**
 * Security group rules that admit an internet (non-private) CIDR to a range outside publicPorts,
 * or to an administrative range from outside adminCidrs. Rules between groups or from private
 * address space are internal and allowed.
 */
export function exposureFindings(resources: PolicyResource[], policy: ExposurePolicy): { rule: PolicyResource; message: string }[] {
    const publicPorts = policy.publicPorts.map(parsePortSpec).filter((range): range is PortRange => range !== undefined);
    const adminPorts = policy.adminPorts.map(parsePortSpec).filter((range): range is PortRange => range !== undefined);
    const findings: { rule: PolicyResource; message: string }[] = [];
    for (const rule of ingressRules(resources)) {
        const sources = publicCidrs(rule);
        if (sources.length === 0 || publicPorts.some((allowed) => coversRange(allowed, rule))) {
            continue;
        }
        const admin = adminPorts.some((allowed) => coversRange(allowed, rule));
        const narrow = (cidr: string) => policy.adminCidrs.length === 0 && policy.minAdminPrefix !== undefined && (parseCidr(cidr)?.prefix ?? 0) >= policy.minAdminPrefix;
        if (admin && sources.every((cidr) => policy.adminCidrs.some((allowed) => cidrWithin(cidr, allowed)) || narrow(cidr))) {
            continue;
        }
        findings.push({
            rule: rule.rule,
            message: admin
                ? `opens administrative ${describeRange(rule)} to ${sources.join(", ")}, outside the admin networks (${policy.adminCidrs.join(", ") || (policy.minAdminPrefix !== undefined ? `none configured; at most a /${policy.minAdminPrefix} is accepted` : "none configured")})`
                : `opens ${describeRange(rule)} to ${sources.join(", ")}; only ${policy.publicPorts.join(", ")} may be open to the internet`,
        });
    }
    return findings;
}

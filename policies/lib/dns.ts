// DNS and public addresses: Route 53 records, Elastic IPs (static public addresses) and their
// reverse DNS (`aws:ec2/eipDomainName:EipDomainName`). Which record points at which address is read
// from property dependencies (the address is unknown until the EIP exists).
import { PolicyResource } from "@pulumi/policy";
import { Host } from "./hosts";
import { interfacesOf } from "./network";
import { asNumber, ofType, referenced, referrers } from "./resources";

export const RECORD = "aws:route53/record:Record";
export const ZONE = "aws:route53/zone:Zone";
export const EIP = "aws:ec2/eip:Eip";
export const EIP_ASSOCIATION = "aws:ec2/eipAssociation:EipAssociation";
export const EIP_DOMAIN_NAME = "aws:ec2/eipDomainName:EipDomainName";

function refersTo(resource: PolicyResource, property: string, target: PolicyResource): boolean {
    return referenced(resource, property).some((dependency) => dependency.urn === target.urn);
}

/** Elastic IPs bound to the host: `Eip.instance`, an association to the instance, or to one of its interfaces. */
export function elasticIpsOf(resources: PolicyResource[], host: Host): PolicyResource[] {
    const enis = interfacesOf(resources, host).map(({ eni }) => eni);
    const targets = [host.instance, ...enis];
    const direct = ofType(resources, EIP).filter((eip) => refersTo(eip, "instance", host.instance) || enis.some((eni) => refersTo(eip, "networkInterface", eni)));
    const associated = ofType(resources, EIP_ASSOCIATION)
        .filter((association) => targets.some((target) => refersTo(association, "instanceId", target) || refersTo(association, "networkInterfaceId", target)))
        .flatMap((association) => [...referenced(association, "allocationId", EIP), ...referenced(association, "publicIp", EIP)]);
    const seen = new Set<string>();
    return [...direct, ...associated].filter((eip) => (seen.has(eip.urn) ? false : (seen.add(eip.urn), true)));
}

/** Reverse DNS names set for the address. */
export function reverseDnsOf(resources: PolicyResource[], eip: PolicyResource): PolicyResource[] {
    return referrers(resources, eip, "allocationId", EIP_DOMAIN_NAME);
}

export function records(resources: PolicyResource[], type?: string): PolicyResource[] {
    return ofType(resources, RECORD).filter((record) => type === undefined || String(record.props.type).toUpperCase() === type);
}

/** A/AAAA records whose values are the address. */
export function recordsPointingAt(resources: PolicyResource[], target: PolicyResource, type = "A"): PolicyResource[] {
    return records(resources, type).filter((record) => refersTo(record, "records", target));
}

/** Record name without the trailing dot, lower case. */
export function recordName(record: PolicyResource): string {
    return String(record.props.name ?? "").replace(/\.$/, "").toLowerCase();
}

export interface SrvTarget {
    priority: number;
    weight: number;
    port: number;
    target: string;
}

/** "10 5 5060 pbx.example.com." -> {priority, weight, port, target}. */
export function parseSrv(value: string): SrvTarget | undefined {
    const parts = value.trim().split(/\s+/);
    if (parts.length !== 4) {
        return undefined;
    }
    const [priority, weight, port] = parts.slice(0, 3).map((part) => asNumber(part));
    if (priority === undefined || weight === undefined || port === undefined) {
        return undefined;
    }
    return { priority, weight, port, target: parts[3].replace(/\.$/, "").toLowerCase() };
}

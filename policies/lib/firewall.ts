// Both firewall layers of a host together: the cloud (security groups of the instance, its launch
// template and its interfaces) and the host (ufw in cloud-init). A port is open only if both let
// it in.
import { PolicyResource } from "@pulumi/policy";
import { CloudConfig } from "./cloud-init";
import { Host } from "./hosts";
import { IngressRule, PortRange, admitting, describeRange, hostGroups, ingressRules } from "./network";
import { UfwRule, ufwAdmits, ufwOf } from "./ufw";

export interface Opening {
    cloud: IngressRule[];
    host: UfwRule[];
}

export function openingFor(resources: PolicyResource[], host: Host, config: CloudConfig, range: PortRange): Opening {
    return { cloud: admitting(ingressRules(resources), hostGroups(resources, host), range), host: ufwAdmits(ufwOf(config), range) };
}

/** Why the range is not open on both layers, or undefined. */
export function openingProblem(opening: Opening, range: PortRange): string | undefined {
    const missing = [...(opening.cloud.length === 0 ? ["no security group of the host admits it"] : []), ...(opening.host.length === 0 ? ["ufw does not allow it"] : [])];
    return missing.length > 0 ? `${describeRange(range)} is not open: ${missing.join(" and ")}` : undefined;
}

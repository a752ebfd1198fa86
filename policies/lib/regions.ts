// Which AWS region a resource lives in: its own `region` argument (provider v7), else its explicit
// provider's region. `undefined` stands for the program's default provider region, which policies
// cannot read; two resources are in different regions when their labels differ.
import { PolicyResource } from "@pulumi/policy";

export function regionOf(resource: PolicyResource): string | undefined {
    const own = resource.props.region;
    if (typeof own === "string") {
        return own;
    }
    const provider = resource.provider;
    if (provider && provider.type === "pulumi:providers:aws" && typeof provider.props.region === "string") {
        return provider.props.region;
    }
    return undefined;
}

export function describeRegion(region: string | undefined): string {
    return region ?? "the default region";
}

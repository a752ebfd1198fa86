// The internet-facing load balancers the VoiceAssist WAF rules judge.
import { PolicyResource } from "@pulumi/policy";
import { applicationLoadBalancers, isInternetFacing } from "../../../lib/edge";

export function internetFacingBalancers(resources: PolicyResource[], report: (message: string) => void): PolicyResource[] {
    const balancers = applicationLoadBalancers(resources).filter(isInternetFacing);
    if (balancers.length === 0) {
        report("no internet-facing application load balancer exists in front of the application");
    }
    return balancers;
}

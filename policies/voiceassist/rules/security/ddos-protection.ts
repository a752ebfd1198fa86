import { floodProtectionProblems, shieldedUrns } from "../../../lib/edge";
import { automatedRule } from "../../../lib/rule";
import { internetFacingBalancers } from "./edge";

export default automatedRule<{ requiredManagedRuleGroups: string[] }>({
    name: "ddos-protection",
    items: ["VA-11.3.4"],
    description:
        "DDoS protection (AWS Shield Standard covers every load balancer at layers 3/4; this checks layer 7): every internet-facing application load balancer is an AWS Shield Advanced protected resource, or has a WAF web ACL with a blocking rate-based rule and every managed rule group in requiredManagedRuleGroups (the Amazon IP reputation list).",
    severity: "high",
    remediationSteps: "The kit's WAF web ACL has a rate-based rule and AWSManagedRulesAmazonIpReputationList. In your own program, add both to an aws.wafv2.WebAcl associated with the load balancer.",
    config: { requiredManagedRuleGroups: { type: "array", items: { type: "string" }, default: ["AWSManagedRulesAmazonIpReputationList"], description: "AWS managed rule groups the web ACL must use." } },
    validate: ({ resources, config, report }) => {
        const shielded = shieldedUrns(resources);
        for (const balancer of internetFacingBalancers(resources, report).filter((entry) => !shielded.has(entry.urn))) {
            for (const problem of floodProtectionProblems(resources, balancer, config.requiredManagedRuleGroups)) {
                report(problem, balancer);
            }
        }
    },
});

import { floodProtectionProblems, shieldedUrns } from "../../../lib/edge";
import { effective } from "../../../lib/nginx";
import { automatedRule } from "../../../lib/rule";
import { eachWebEntry } from "../../web";

export default automatedRule<{ requiredManagedRuleGroups: string[] }>({
    name: "ddos-protection",
    items: ["WP-3.4.1.6"],
    description:
        "The reverse proxy is protected against floods: every internet-facing load balancer fronting the PBX (covered by AWS Shield Standard at layers 3/4) has a WAF web ACL associated whose rules block request floods (a blocking rate-based rule) and include every managed rule group in requiredManagedRuleGroups (the Amazon IP reputation list: known DDoS and bot sources), or is an AWS Shield Advanced protected resource. Without a load balancer, nginx must apply limit_req and limit_conn.",
    severity: "high",
    remediationSteps: "The kit's WAF web ACL has a rate-based rule and AWSManagedRulesAmazonIpReputationList. In your own program, add both to the web ACL associated with the load balancer.",
    config: { requiredManagedRuleGroups: { type: "array", items: { type: "string" }, default: ["AWSManagedRulesAmazonIpReputationList"], description: "AWS managed rule groups the web ACL must use." } },
    validate: (context) => {
        const shielded = shieldedUrns(context.resources);
        eachWebEntry(context, ({ balancers, proxies, source }) => {
            for (const balancer of balancers.filter((entry) => !shielded.has(entry.urn))) {
                for (const problem of floodProtectionProblems(context.resources, balancer, context.config.requiredManagedRuleGroups)) {
                    context.report(problem, balancer);
                }
            }
            if (balancers.length === 0) {
                const chains = proxies.flatMap(({ locations }) => locations.map(({ chain }) => chain));
                if (chains.length === 0 || chains.some((chain) => effective(chain, "limit_req").length === 0 || effective(chain, "limit_conn").length === 0)) {
                    context.report("has no load balancer with WAF in front of the PBX and nginx does not apply limit_req and limit_conn", source);
                }
            }
        });
    },
});

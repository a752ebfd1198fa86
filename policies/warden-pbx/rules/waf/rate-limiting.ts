import { rateLimitProblem } from "../../../lib/edge";
import { effective } from "../../../lib/nginx";
import { automatedRule } from "../../../lib/rule";
import { eachWebEntry } from "../../web";

export default automatedRule<{ maxRequestsPer5Minutes: number }>({
    name: "rate-limiting",
    items: ["WP-3.4.1.5"],
    description:
        "Requests per client are limited at the network edge: every internet-facing load balancer fronting the PBX has a WAF web ACL with a blocking rate-based rule whose limit is at most maxRequestsPer5Minutes per IP; without a load balancer, the nginx locations proxying the PBX must have limit_req.",
    severity: "high",
    remediationSteps: "The kit associates a WAF web ACL with a rate-based rule (1000 requests per 5 minutes per IP, action block). In your own program, add aws.wafv2.WebAcl with a rateBasedStatement and an aws.wafv2.WebAclAssociation to the load balancer.",
    config: { maxRequestsPer5Minutes: { type: "integer", minimum: 10, default: 2000, description: "Highest rate limit per client IP over 5 minutes." } },
    validate: (context) => {
        eachWebEntry(context, ({ balancers, proxies, source }) => {
            for (const balancer of balancers) {
                const problem = rateLimitProblem(context.resources, balancer, context.config.maxRequestsPer5Minutes);
                if (problem) {
                    context.report(problem, balancer);
                }
            }
            if (balancers.length === 0) {
                const unlimited = proxies.flatMap(({ locations }) => locations).filter(({ chain }) => effective(chain, "limit_req").length === 0);
                if (proxies.length === 0 || unlimited.length > 0) {
                    context.report("has neither a load balancer with a WAF rate-based rule nor nginx limit_req in front of the PBX", source);
                }
            }
        });
    },
});

import { rateLimitProblem } from "../../../lib/edge";
import { automatedRule } from "../../../lib/rule";
import { internetFacingBalancers } from "./edge";

export default automatedRule<{ maxRequestsPer5Minutes: number }>({
    name: "rate-limiting",
    items: ["VA-11.3.5"],
    description: "Requests per client are limited: every internet-facing application load balancer has a WAF web ACL with a blocking rate-based rule whose limit is at most maxRequestsPer5Minutes per IP.",
    severity: "high",
    remediationSteps: "The kit's web ACL blocks clients above 1000 requests per 5 minutes. In your own program, add a rateBasedStatement rule (action block) to the load balancer's web ACL.",
    config: { maxRequestsPer5Minutes: { type: "integer", minimum: 10, default: 2000, description: "Highest rate limit per client IP over 5 minutes." } },
    validate: ({ resources, config, report }) => {
        for (const balancer of internetFacingBalancers(resources, report)) {
            const problem = rateLimitProblem(resources, balancer, config.maxRequestsPer5Minutes);
            if (problem) {
                report(problem, balancer);
            }
        }
    },
});

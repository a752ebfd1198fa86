import { applicationLoadBalancers, isInternetFacing } from "../../../lib/edge";
import { referenced } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { BUCKET_TYPES } from "../../../lib/storage";
import { bucketKeepsDays, describeExpiry } from "./retention";

export default automatedRule<{ minDays: number }>({
    name: "access-logs",
    items: ["VA-16.3.2"],
    description:
        "Access logs are maintained: every internet-facing application load balancer writes access logs (accessLogs.enabled) to a bucket of the program that keeps them at least minDays (no lifecycle expiration earlier; HIPAA audit records, 7 years by default).",
    severity: "high",
    remediationSteps: "The kit's ALB logs to its alb-logs bucket, expired after 2557 days. In your own program, set accessLogs {bucket, enabled: true} and a lifecycle expiration no shorter than 2557 days.",
    config: { minDays: { type: "integer", minimum: 1, default: 2557, description: "Shortest access log retention, in days." } },
    validate: ({ resources, config, report }) => {
        const balancers = applicationLoadBalancers(resources).filter(isInternetFacing);
        if (balancers.length === 0) {
            report("no internet-facing load balancer exists whose access logs could be shown");
        }
        for (const balancer of balancers) {
            const logs = (balancer.props.accessLogs ?? {}) as Record<string, unknown>;
            const buckets = referenced(balancer, "accessLogs").filter((bucket) => BUCKET_TYPES.includes(bucket.type));
            if (logs.enabled !== true) {
                report("writes no access logs (accessLogs.enabled)", balancer);
            } else if (buckets.length === 0) {
                report("writes access logs to a bucket this program does not create", balancer);
            }
            for (const bucket of buckets) {
                const days = bucketKeepsDays(resources, bucket);
                if (days !== undefined && days < config.minDays) {
                    report(`expires access logs ${describeExpiry(days)}; at least ${config.minDays} are required`, bucket);
                }
            }
        }
    },
});

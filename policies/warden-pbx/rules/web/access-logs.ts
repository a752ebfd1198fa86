import { effective } from "../../../lib/nginx";
import { referenced } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { eachWebEntry } from "../../web";

export default automatedRule({
    name: "access-logs",
    items: ["WP-2.3.1.9"],
    description:
        "Requests to the PBX are logged: no nginx location proxying the API has `access_log off` in effect, and every internet-facing load balancer fronting the host has accessLogs enabled into an S3 bucket of the program.",
    severity: "medium",
    remediationSteps: "The kit enables the load balancer's access logs into its log bucket and keeps nginx access_log on. In your own program, set accessLogs {bucket, enabled: true} on the aws.lb.LoadBalancer.",
    validate: (context) => {
        eachWebEntry(context, ({ proxies, balancers, source }) => {
            for (const { locations } of proxies) {
                for (const { location, chain } of locations) {
                    if (effective(chain, "access_log").some((directive) => directive.args[0] === "off")) {
                        context.report(`nginx location ${location.args.join(" ")} turns access_log off`, source);
                    }
                }
            }
            for (const balancer of balancers) {
                const logs = balancer.props.accessLogs as Record<string, unknown> | undefined;
                if (!logs || logs.enabled !== true || referenced(balancer, "accessLogs").length === 0) {
                    context.report("does not write access logs to an S3 bucket of this program (accessLogs.enabled)", balancer);
                }
            }
        });
    },
});

import { automatedRule } from "../../../lib/rule";
import { BALANCER_ONLY_NGINX, certificateRenewalFindings, nginxRenewalProblem, reachedOnlyThroughBalancers } from "../../../lib/tls-endpoints";
import { eachTlsEndpoint } from "../../voiceassist";

export default automatedRule({
    name: "auto-renewal",
    items: ["VA-4.1.5"],
    description:
        `Served certificates renew themselves: ACM renews Amazon-issued certificates validated by DNS while the validation records stay in Route 53 (the AWS equivalent of the certbot cron job); imported certificates never renew. nginx certificates under /etc/letsencrypt need certbot installed (its timer renews) and a deploy hook reloading nginx. ${BALANCER_ONLY_NGINX}`,
    severity: "high",
    remediationSteps: "The kit validates its ACM certificate by DNS with the records in Route 53. In your own program, do the same; for certbot, install it and pass `--deploy-hook \"systemctl reload nginx\"`.",
    validate: (context) => {
        eachTlsEndpoint(context, {
            listener: (listener) => certificateRenewalFindings(context.resources, listener).forEach((finding) => context.report(finding.message, finding.resource)),
            nginx: (entry) => {
                const problem = reachedOnlyThroughBalancers(context.resources, entry) ? undefined : nginxRenewalProblem(entry);
                if (problem) {
                    context.report(problem, entry.source);
                }
            },
        });
    },
});

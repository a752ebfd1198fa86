import { BALANCER_ONLY_NGINX, NO_TLS_ENDPOINT, certificateRenewalFindings, nginxRenewalProblem, reachedOnlyThroughBalancers } from "../../../lib/tls-endpoints";
import { automatedRule } from "../../../lib/rule";
import { eachNginxTls, tlsListeners } from "../../tls";

export default automatedRule({
    name: "auto-renewal",
    items: ["WP-3.1.1.4"],
    description:
        `Served certificates renew themselves: ACM renews Amazon-issued certificates validated by DNS while the validation records stay in Route 53 (validationMethod DNS and a CertificateValidation referring to Route 53 records); imported certificates never renew. nginx certificates under /etc/letsencrypt need certbot installed (its timer renews) and a deploy hook reloading nginx. ${BALANCER_ONLY_NGINX}`,
    severity: "high",
    remediationSteps: "Use DNS validation with the validation records in Route 53 (the kit). For certbot, install it and pass `--deploy-hook \"systemctl reload nginx\"`.",
    validate: (context) => {
        const listeners = tlsListeners(context.resources);
        let endpoints = listeners.length;
        for (const finding of listeners.flatMap((listener) => certificateRenewalFindings(context.resources, listener))) {
            context.report(finding.message, finding.resource);
        }
        eachNginxTls(context, (entry) => {
            endpoints += 1;
            const problem = reachedOnlyThroughBalancers(context.resources, entry) ? undefined : nginxRenewalProblem(entry);
            if (problem) {
                context.report(problem, entry.source);
            }
        });
        if (endpoints === 0) {
            context.report(NO_TLS_ENDPOINT);
        }
    },
});

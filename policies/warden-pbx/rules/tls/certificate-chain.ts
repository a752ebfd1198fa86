import { BALANCER_ONLY_NGINX, NO_TLS_ENDPOINT, certificateChainFindings, nginxChainProblems, reachedOnlyThroughBalancers } from "../../../lib/tls-endpoints";
import { automatedRule } from "../../../lib/rule";
import { eachNginxTls, tlsListeners } from "../../tls";

export default automatedRule({
    name: "certificate-chain",
    items: ["WP-3.1.1.3"],
    description:
        `Served certificates come with their chain: ACM-issued certificates always do; imported ACM certificates must set certificateChain; nginx ssl_certificate must be certbot's fullchain.pem or a written file holding more than one certificate. ${BALANCER_ONLY_NGINX}`,
    severity: "high",
    remediationSteps: "Use ACM-issued certificates (the kit), set certificateChain when importing, and point nginx at fullchain.pem.",
    validate: (context) => {
        const listeners = tlsListeners(context.resources);
        let endpoints = listeners.length;
        for (const finding of listeners.flatMap(certificateChainFindings)) {
            context.report(finding.message, finding.resource);
        }
        eachNginxTls(context, (entry) => {
            endpoints += 1;
            if (reachedOnlyThroughBalancers(context.resources, entry)) {
                return;
            }
            for (const problem of nginxChainProblems(entry)) {
                context.report(problem, entry.source);
            }
        });
        if (endpoints === 0) {
            context.report(NO_TLS_ENDPOINT);
        }
    },
});

import { automatedRule } from "../../../lib/rule";
import { BALANCER_ONLY_NGINX, certificateChainFindings, nginxChainProblems, reachedOnlyThroughBalancers } from "../../../lib/tls-endpoints";
import { eachTlsEndpoint } from "../../voiceassist";

export default automatedRule({
    name: "certificate-chain",
    items: ["VA-4.1.3"],
    description:
        `Served certificates come with their chain: ACM-issued certificates always do; imported ACM certificates must set certificateChain; nginx ssl_certificate must be certbot's fullchain.pem or a written file holding more than one certificate. ${BALANCER_ONLY_NGINX}`,
    severity: "high",
    remediationSteps: "The kit serves an ACM-issued certificate. In your own program, pass certificateChain when importing a certificate, and use fullchain.pem in nginx.",
    validate: (context) => {
        eachTlsEndpoint(context, {
            listener: (listener) => certificateChainFindings(listener).forEach((finding) => context.report(finding.message, finding.resource)),
            nginx: (entry) => {
                if (!reachedOnlyThroughBalancers(context.resources, entry)) {
                    nginxChainProblems(entry).forEach((problem) => context.report(problem, entry.source));
                }
            },
        });
    },
});

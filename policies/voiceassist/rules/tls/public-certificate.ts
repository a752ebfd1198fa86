import { effective } from "../../../lib/nginx";
import { automatedRule } from "../../../lib/rule";
import { BALANCER_ONLY_NGINX, certificateTrustFindings, reachedOnlyThroughBalancers } from "../../../lib/tls-endpoints";
import { eachTlsEndpoint } from "../../voiceassist";

export default automatedRule({
    name: "public-certificate",
    items: ["VA-4.1.1", "VA-4.3.2"],
    description:
        `Every HTTPS/TLS listener serves an ACM certificate a public CA signs (Amazon-issued without certificateAuthorityArn, as an ACM Private CA is trusted by no browser, and validated by an aws:acm/certificateValidation; imported certificates fail, since a tls.SelfSignedCert or tls.LocallySignedCert body is untrusted and any other body does not show who signed it) — ACM's public certificates are the AWS equivalent of Let's Encrypt's, trusted by every browser; nginx servers with ssl must serve certbot's Let's Encrypt certificate (/etc/letsencrypt/live/). ${BALANCER_ONLY_NGINX}`,
    severity: "critical",
    remediationSteps: "The kit requests a DNS-validated ACM certificate for `readiness-kit:voiceassistDomain` and waits for its validation. In your own program, add aws.acm.Certificate (validationMethod DNS) + CertificateValidation and give the validation's certificateArn to the listener.",
    validate: (context) => {
        eachTlsEndpoint(context, {
            listener: (listener) => certificateTrustFindings(context.resources, listener).forEach((finding) => context.report(finding.message, finding.resource)),
            nginx: (entry) => {
                if (reachedOnlyThroughBalancers(context.resources, entry)) {
                    return;
                }
                const certificate = effective(entry.chain, "ssl_certificate")[0]?.args[0] ?? "";
                if (!certificate.startsWith("/etc/letsencrypt/live/")) {
                    context.report(`nginx server ${entry.name} serves ${certificate || "no certificate"}, not a Let's Encrypt certificate from /etc/letsencrypt/live/`, entry.source);
                }
            },
        });
    },
});

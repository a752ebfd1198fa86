import { certificateTrustFindings } from "../../../lib/tls-endpoints";
import { automatedRule } from "../../../lib/rule";
import { tlsListeners } from "../../tls";

export default automatedRule({
    name: "valid-certificate",
    items: ["WP-3.1.1.1"],
    description:
        "Every HTTPS/TLS listener of the program serves an ACM certificate of the program that a public CA signs: Amazon-issued (no certificateAuthorityArn: an ACM Private CA is trusted by no browser) and validated (an aws:acm/certificateValidation for it exists). Imported certificates fail: a tls.SelfSignedCert or tls.LocallySignedCert body is not trusted, and any other body does not show who signed it. Only certificates listeners serve are judged (the PBX's internal SIP-TLS CA is not).",
    severity: "critical",
    remediationSteps: "The kit requests a DNS-validated ACM certificate for `readiness-kit:wardenDomain` and waits for its validation. In your own program, add aws.acm.Certificate (validationMethod DNS) + CertificateValidation and pass the validation's certificateArn to the listener.",
    validate: ({ resources, report }) => {
        const listeners = tlsListeners(resources);
        if (listeners.length === 0) {
            report("no HTTPS listener serves a certificate");
        }
        for (const finding of listeners.flatMap((listener) => certificateTrustFindings(resources, listener))) {
            report(finding.message, finding.resource);
        }
    },
});

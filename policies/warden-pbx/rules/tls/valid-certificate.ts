import { isAmazonIssued, listenerCertificates, validationsOf } from "../../../lib/edge";
import { referenced } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { tlsListeners } from "../../tls";

const SELF_SIGNED = "tls:index/selfSignedCert:SelfSignedCert";

export default automatedRule({
    name: "valid-certificate",
    items: ["WP-3.1.1.1"],
    description:
        "Every HTTPS/TLS listener of the program serves an ACM certificate of the program that a public CA signs: Amazon-issued and validated (an aws:acm/certificateValidation for it exists), or imported with a certificate body that is not a tls.SelfSignedCert.",
    severity: "critical",
    remediationSteps: "The kit requests a DNS-validated ACM certificate for `readiness-kit:wardenDomain` and waits for its validation. In your own program, add aws.acm.Certificate (validationMethod DNS) + CertificateValidation and pass the validation's certificateArn to the listener.",
    validate: ({ resources, report }) => {
        const listeners = tlsListeners(resources);
        if (listeners.length === 0) {
            report("no HTTPS listener serves a certificate");
        }
        for (const listener of listeners) {
            const certificates = listenerCertificates(listener);
            if (certificates.length === 0) {
                report("serves a certificate that is not an ACM certificate of this program", listener);
            }
            for (const certificate of certificates) {
                if (isAmazonIssued(certificate)) {
                    if (validationsOf(resources, certificate).length === 0) {
                        report("is never validated (no aws:acm/certificateValidation), so it may stay pending", certificate);
                    }
                } else if (referenced(certificate, "certificateBody").some((dependency) => dependency.type === SELF_SIGNED)) {
                    report("is self-signed, so clients do not trust it", certificate);
                }
            }
        }
    },
});

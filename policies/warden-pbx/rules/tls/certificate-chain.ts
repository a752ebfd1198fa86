import { filesOf } from "../../../lib/cloud-init";
import { isAmazonIssued, listenerCertificates } from "../../../lib/edge";
import { effective } from "../../../lib/nginx";
import { automatedRule } from "../../../lib/rule";
import { eachNginxTls, tlsListeners } from "../../tls";

export default automatedRule({
    name: "certificate-chain",
    items: ["WP-3.1.1.3"],
    description:
        "Served certificates come with their chain: ACM-issued certificates always do; imported ACM certificates must set certificateChain; nginx ssl_certificate must be certbot's fullchain.pem or a written file holding more than one certificate.",
    severity: "high",
    remediationSteps: "Use ACM-issued certificates (the kit), set certificateChain when importing, and point nginx at fullchain.pem.",
    validate: (context) => {
        let endpoints = tlsListeners(context.resources).length;
        for (const listener of tlsListeners(context.resources)) {
            for (const certificate of listenerCertificates(listener)) {
                if (!isAmazonIssued(certificate) && !("certificateChain" in certificate.props)) {
                    context.report("is imported without certificateChain, so clients cannot build the chain to the root", certificate);
                }
            }
        }
        eachNginxTls(context, ({ chain, config, source, name }) => {
            endpoints += 1;
            for (const directive of effective(chain, "ssl_certificate")) {
                const path = directive.args[0] ?? "";
                const written = filesOf(config).get(path);
                const complete = path.endsWith("/fullchain.pem") || (written !== undefined && (written.content.match(/-----BEGIN CERTIFICATE-----/g) ?? []).length > 1);
                if (!complete) {
                    context.report(`nginx server ${name} serves ${path}, which is not a full chain (use fullchain.pem)`, source);
                }
            }
        });
        if (endpoints === 0) {
            context.report("nothing terminates TLS: no HTTPS listener and no nginx server listening with ssl");
        }
    },
});

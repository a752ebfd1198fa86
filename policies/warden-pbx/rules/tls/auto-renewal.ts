import { packagesOf } from "../../../lib/cloud-init";
import { isAmazonIssued, listenerCertificates, validationsOf } from "../../../lib/edge";
import { effective } from "../../../lib/nginx";
import { referenced } from "../../../lib/resources";
import { simpleCommands } from "../../../lib/systemd";
import { automatedRule } from "../../../lib/rule";
import { eachNginxTls, tlsListeners } from "../../tls";

export default automatedRule({
    name: "auto-renewal",
    items: ["WP-3.1.1.4"],
    description:
        "Served certificates renew themselves: ACM renews Amazon-issued certificates validated by DNS while the validation records stay in Route 53 (validationMethod DNS and a CertificateValidation referring to Route 53 records); imported certificates never renew. nginx certificates under /etc/letsencrypt need certbot installed (its timer renews) and a deploy hook reloading nginx.",
    severity: "high",
    remediationSteps: "Use DNS validation with the validation records in Route 53 (the kit). For certbot, install it and pass `--deploy-hook \"systemctl reload nginx\"`.",
    validate: (context) => {
        let endpoints = tlsListeners(context.resources).length;
        for (const listener of tlsListeners(context.resources)) {
            for (const certificate of listenerCertificates(listener)) {
                if (!isAmazonIssued(certificate)) {
                    context.report("is imported, and ACM never renews imported certificates", certificate);
                } else if (certificate.props.validationMethod !== "DNS") {
                    context.report(`is validated by ${certificate.props.validationMethod ?? "EMAIL"}, which needs a person at every renewal; use DNS`, certificate);
                } else if (!validationsOf(context.resources, certificate).some((validation) => referenced(validation, "validationRecordFqdns").some((record) => record.type === "aws:route53/record:Record"))) {
                    context.report("has no DNS validation record in Route 53 that ACM could renew it with", certificate);
                }
            }
        }
        eachNginxTls(context, ({ chain, config, source, name }) => {
            endpoints += 1;
            const letsEncrypt = effective(chain, "ssl_certificate").some((directive) => (directive.args[0] ?? "").startsWith("/etc/letsencrypt/"));
            if (!letsEncrypt) {
                context.report(`nginx server ${name} serves a certificate that no renewal process manages (not certbot's /etc/letsencrypt)`, source);
                return;
            }
            const hooked = simpleCommands(config).some((command) => /^certbot\b/.test(command) && /--deploy-hook/.test(command) && /nginx/.test(command));
            if (!packagesOf(config).some((pkg) => pkg.startsWith("certbot")) || !hooked) {
                context.report(`nginx server ${name} uses a Let's Encrypt certificate without certbot installed and a deploy hook reloading nginx`, source);
            }
        });
        if (endpoints === 0) {
            context.report("nothing terminates TLS: no HTTPS listener and no nginx server listening with ssl");
        }
    },
});

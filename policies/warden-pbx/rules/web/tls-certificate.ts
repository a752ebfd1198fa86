import { listenerCertificates, listenerProtocol, listenersOf } from "../../../lib/edge";
import { childDirectives, effective, listens } from "../../../lib/nginx";
import { automatedRule } from "../../../lib/rule";
import { eachWebEntry } from "../../web";

export default automatedRule({
    name: "tls-certificate",
    items: ["WP-2.3.1.4"],
    description:
        "The PBX's web entry serves a certificate: every internet-facing load balancer fronting the host has an HTTPS listener with an ACM certificate of the program; where nginx is the edge (no load balancer), a server listening with ssl has ssl_certificate and ssl_certificate_key.",
    severity: "critical",
    remediationSteps: "The kit's HTTPS listener uses a DNS-validated ACM certificate for `readiness-kit:wardenDomain`. In your own program, set `certificateArn` of the 443 listener to an aws.acm.Certificate (through its CertificateValidation).",
    validate: (context) => {
        eachWebEntry(context, ({ balancers, proxies, http, source }) => {
            for (const balancer of balancers) {
                const https = listenersOf(context.resources, balancer).filter((listener) => listenerProtocol(listener) === "HTTPS");
                if (https.length === 0) {
                    context.report("has no HTTPS listener", balancer);
                } else if (!https.some((listener) => listenerCertificates(listener).length > 0)) {
                    context.report("serves HTTPS without an ACM certificate of this program", https[0]);
                }
            }
            if (balancers.length === 0) {
                const tls = proxies.filter(({ server }) => listens(server).some((listen) => listen.ssl));
                if (tls.length === 0) {
                    context.report("is reached without TLS: no load balancer fronts it and no nginx server proxying the PBX listens with ssl", source);
                }
                for (const { server } of tls) {
                    const chain = [http, server];
                    if (effective(chain, "ssl_certificate").length === 0 || effective(chain, "ssl_certificate_key").length === 0) {
                        context.report(`nginx server ${childDirectives(server, "server_name")[0]?.args.join(" ") ?? ""} listens with ssl but sets no ssl_certificate / ssl_certificate_key`, source);
                    }
                }
            }
        });
    },
});

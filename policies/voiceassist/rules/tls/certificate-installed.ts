import { listenerCertificates } from "../../../lib/edge";
import { effective } from "../../../lib/nginx";
import { automatedRule } from "../../../lib/rule";
import { BALANCER_ONLY_NGINX, reachedOnlyThroughBalancers } from "../../../lib/tls-endpoints";
import { eachTlsEndpoint } from "../../voiceassist";

export default automatedRule({
    name: "certificate-installed",
    items: ["VA-4.1.2"],
    description:
        `The certificate is installed where TLS terminates: each HTTPS/TLS listener names an ACM certificate of the program (certificateArn, ACM's store being the load balancer's equivalent of /etc/letsencrypt/live/), and each nginx server with ssl reads ssl_certificate and ssl_certificate_key from /etc/letsencrypt/live/<name>/. ${BALANCER_ONLY_NGINX}`,
    severity: "high",
    remediationSteps: "The kit attaches its ACM certificate to the HTTPS listener. For nginx, point ssl_certificate at /etc/letsencrypt/live/<domain>/fullchain.pem and ssl_certificate_key at .../privkey.pem.",
    validate: (context) => {
        eachTlsEndpoint(context, {
            listener: (listener) => {
                if (listenerCertificates(listener).length === 0) {
                    context.report("serves no ACM certificate of this program (certificateArn)", listener);
                }
            },
            nginx: (entry) => {
                if (reachedOnlyThroughBalancers(context.resources, entry)) {
                    return;
                }
                for (const name of ["ssl_certificate", "ssl_certificate_key"]) {
                    const path = effective(entry.chain, name)[0]?.args[0];
                    if (!path?.startsWith("/etc/letsencrypt/live/")) {
                        context.report(`nginx server ${entry.name} reads ${name} from ${path ?? "nowhere"}, not from /etc/letsencrypt/live/`, entry.source);
                    }
                }
            },
        });
    },
});

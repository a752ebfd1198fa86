import { plansCovering } from "../../../lib/backups";
import { automatedRule } from "../../../lib/rule";
import { eachNginxTls, tlsListeners } from "../../tls";
import { listenerCertificates } from "../../../lib/edge";

export default automatedRule({
    name: "certificates-backup",
    items: ["WP-5.1.1.6"],
    description:
        "Certificates and keys survive a loss: ACM keeps load balancer certificates and their keys (and reissues them), so they need no backup; certificates nginx reads from the host's disk need the host in an AWS Backup selection. At least one certificate must be served.",
    severity: "high",
    remediationSteps: "Use ACM certificates (the kit) or select the PBX instance in the backup plan.",
    validate: (context) => {
        let served = tlsListeners(context.resources).filter((listener) => listenerCertificates(listener).length > 0).length;
        eachNginxTls(context, ({ source, name, host }) => {
            served += 1;
            if (plansCovering(context.resources, host.instance).length === 0) {
                context.report(`nginx server ${name} reads its certificate and key from the host's disk, which no backup covers`, source);
            }
        });
        if (served === 0) {
            context.report("no certificate is served, so there is none to back up or restore");
        }
    },
});

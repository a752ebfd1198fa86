import { NO_TLS_ENDPOINT, listenerCipherProblem, nginxCipherProblem } from "../../../lib/tls-endpoints";
import { automatedRule } from "../../../lib/rule";
import { eachNginxTls, tlsListeners } from "../../tls";

export default automatedRule<{ allowedPolicies: string[] }>({
    name: "strong-ciphers",
    items: ["WP-3.1.1.7"],
    description:
        "Only forward-secret AEAD cipher suites are offered: every HTTPS/TLS listener uses an ELB policy offering nothing else (TLS13-1-3-*, TLS13-1-2-Res-*, FS-1-2-Res-2020-10, or one listed in allowedPolicies), and every nginx ssl server's ssl_ciphers (default HIGH:!aNULL:!MD5) lists only ECDHE/DHE with AES-GCM or ChaCha20-Poly1305.",
    severity: "high",
    remediationSteps: "Use ELBSecurityPolicy-TLS13-1-2-Res-2021-06 (the kit's default) and, for nginx, `ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;`.",
    config: { allowedPolicies: { type: "array", items: { type: "string" }, default: [], description: "Further ELB policies accepted as strong." } },
    validate: (context) => {
        const listeners = tlsListeners(context.resources);
        let endpoints = listeners.length;
        for (const listener of listeners) {
            const problem = listenerCipherProblem(listener, context.config.allowedPolicies);
            if (problem) {
                context.report(problem, listener);
            }
        }
        eachNginxTls(context, (entry) => {
            endpoints += 1;
            const problem = nginxCipherProblem(entry);
            if (problem) {
                context.report(problem, entry.source);
            }
        });
        if (endpoints === 0) {
            context.report(NO_TLS_ENDPOINT);
        }
    },
});

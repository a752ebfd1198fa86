import { automatedRule } from "../../../lib/rule";
import { listenerCipherProblem, nginxCipherProblem } from "../../../lib/tls-endpoints";
import { eachTlsEndpoint } from "../../voiceassist";

export default automatedRule<{ allowedPolicies: string[] }>({
    name: "strong-ciphers",
    items: ["VA-4.2.4"],
    description:
        "Only forward-secret AEAD cipher suites are offered: every HTTPS/TLS listener uses an ELB policy offering nothing else (TLS13-1-3-*, TLS13-1-2-Res-*, FS-1-2-Res-2020-10, or one listed in allowedPolicies), and every nginx ssl server's ssl_ciphers (default HIGH:!aNULL:!MD5) lists only ECDHE/DHE with AES-GCM or ChaCha20-Poly1305.",
    severity: "high",
    remediationSteps: "The kit uses ELBSecurityPolicy-TLS13-1-3-2021-06 (`readiness-kit:voiceassistSslPolicy`). In your own program, use a TLS13 policy and, for nginx, list only ECDHE AES-GCM/ChaCha20-Poly1305 suites in ssl_ciphers.",
    config: { allowedPolicies: { type: "array", items: { type: "string" }, default: [], description: "Further ELB policies accepted as strong." } },
    validate: (context) => {
        eachTlsEndpoint(context, {
            listener: (listener) => {
                const problem = listenerCipherProblem(listener, context.config.allowedPolicies);
                if (problem) {
                    context.report(problem, listener);
                }
            },
            nginx: (entry) => {
                const problem = nginxCipherProblem(entry);
                if (problem) {
                    context.report(problem, entry.source);
                }
            },
        });
    },
});

import { elbPolicy, enablesProtocol } from "../../../lib/tls";
import { automatedRule } from "../../../lib/rule";
import { listenerPolicyName, listenerVersionProblem, nginxProtocols, nginxVersionProblem } from "../../../lib/tls-endpoints";
import { eachTlsEndpoint } from "../../voiceassist";

export default automatedRule({
    name: "tls-versions",
    items: ["VA-4.2.3"],
    description:
        "TLS 1.2 and 1.3 only: every HTTPS/TLS listener uses an ELB security policy accepting nothing older than TLS 1.2 and offering TLS 1.3 (an ELBSecurityPolicy-TLS13-* policy; TLS 1.3-only policies also pass), and every nginx server with ssl enables TLSv1.3 and nothing older than TLSv1.2.",
    severity: "critical",
    remediationSteps: "The kit uses ELBSecurityPolicy-TLS13-1-3-2021-06 (`readiness-kit:voiceassistSslPolicy`). For nginx, set `ssl_protocols TLSv1.2 TLSv1.3;` (or TLSv1.3 only).",
    validate: (context) => {
        eachTlsEndpoint(context, {
            listener: (listener) => {
                const problem = listenerVersionProblem(listener, 1.2);
                const name = listenerPolicyName(listener);
                if (problem) {
                    context.report(problem, listener);
                } else if (elbPolicy(name) && !/TLS13/.test(name ?? "")) {
                    context.report(`uses ${name}, which does not offer TLS 1.3`, listener);
                }
            },
            nginx: (entry) => {
                const problem = nginxVersionProblem(entry, 1.2);
                if (problem) {
                    context.report(problem, entry.source);
                } else if (!enablesProtocol(nginxProtocols(entry).protocols, 1.3)) {
                    context.report(`nginx server ${entry.name} does not enable TLSv1.3`, entry.source);
                }
            },
        });
    },
});

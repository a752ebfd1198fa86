import { NO_TLS_ENDPOINT, listenerVersionProblem, nginxVersionProblem } from "../../../lib/tls-endpoints";
import { automatedRule } from "../../../lib/rule";
import { eachNginxTls, tlsListeners } from "../../tls";

export default automatedRule<{ minVersion: number }>({
    name: "tls-versions",
    items: ["WP-3.1.1.6"],
    description:
        "Every HTTPS/TLS listener of the program uses an ELB security policy whose oldest protocol is TLS minVersion (1.2) or newer (a listener without sslPolicy gets ELBSecurityPolicy-2016-08, which allows TLS 1.0; unknown policy names fail), and every nginx server listening with ssl on a PBX host enables only TLSv1.2/TLSv1.3 (without ssl_protocols it inherits Ubuntu's TLSv1 TLSv1.1 TLSv1.2 TLSv1.3).",
    severity: "critical",
    remediationSteps: "In the kit, keep `readiness-kit:wardenSslPolicy` at ELBSecurityPolicy-TLS13-1-2-Res-2021-06. In your own program, set the listener's sslPolicy to a TLS13-1-2 policy and nginx `ssl_protocols TLSv1.2 TLSv1.3;` in the server block.",
    config: { minVersion: { type: "number", enum: [1.2, 1.3], default: 1.2, description: "Oldest TLS version allowed." } },
    validate: (context) => {
        const listeners = tlsListeners(context.resources);
        let endpoints = listeners.length;
        for (const listener of listeners) {
            const problem = listenerVersionProblem(listener, context.config.minVersion);
            if (problem) {
                context.report(problem, listener);
            }
        }
        eachNginxTls(context, (entry) => {
            endpoints += 1;
            const problem = nginxVersionProblem(entry, context.config.minVersion);
            if (problem) {
                context.report(problem, entry.source);
            }
        });
        if (endpoints === 0) {
            context.report(NO_TLS_ENDPOINT);
        }
    },
});

import { effective } from "../../../lib/nginx";
import { NGINX_DEFAULT_PROTOCOLS, elbPolicy, oldestProtocol } from "../../../lib/tls";
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
        let endpoints = tlsListeners(context.resources).length;
        for (const listener of tlsListeners(context.resources)) {
            const name = typeof listener.props.sslPolicy === "string" ? listener.props.sslPolicy : undefined;
            const profile = elbPolicy(name);
            if (!profile) {
                context.report(`uses security policy ${name}, which the policy table does not know; use a documented ELBSecurityPolicy-TLS13-* policy`, listener);
            } else if (profile.minVersion < context.config.minVersion) {
                context.report(`uses ${name ?? "the default ELBSecurityPolicy-2016-08"}, which accepts TLS ${profile.minVersion.toFixed(1)}; TLS ${context.config.minVersion} or newer is required`, listener);
            }
        }
        eachNginxTls(context, ({ chain, source, name }) => {
            endpoints += 1;
            const set = effective(chain, "ssl_protocols")[0]?.args;
            const oldest = oldestProtocol(set ?? NGINX_DEFAULT_PROTOCOLS) ?? 0;
            if (oldest < context.config.minVersion) {
                context.report(`nginx server ${name} accepts ${set ? set.join(" ") : `${NGINX_DEFAULT_PROTOCOLS.join(" ")} (Ubuntu's default)`}; only TLSv1.2 and newer are allowed`, source);
            }
        });
        if (endpoints === 0) {
            context.report("nothing terminates TLS: no HTTPS listener and no nginx server listening with ssl");
        }
    },
});

import { effective } from "../../../lib/nginx";
import { NGINX_DEFAULT_CIPHERS, elbPolicy, weakSuites } from "../../../lib/tls";
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
        let endpoints = tlsListeners(context.resources).length;
        for (const listener of tlsListeners(context.resources)) {
            const name = typeof listener.props.sslPolicy === "string" ? listener.props.sslPolicy : undefined;
            if (name && context.config.allowedPolicies.includes(name)) {
                continue;
            }
            if (!elbPolicy(name)?.strong) {
                context.report(`uses ${name ?? "the default ELBSecurityPolicy-2016-08"}, which also offers CBC or non-forward-secret suites`, listener);
            }
        }
        eachNginxTls(context, ({ chain, source, name }) => {
            endpoints += 1;
            const ciphers = effective(chain, "ssl_ciphers")[0]?.args.join(":") ?? NGINX_DEFAULT_CIPHERS;
            const weak = weakSuites(ciphers);
            if (weak.length > 0) {
                context.report(`nginx server ${name} offers ${weak.join(", ")}; only ECDHE/DHE AEAD suites are allowed`, source);
            }
        });
        if (endpoints === 0) {
            context.report("nothing terminates TLS: no HTTPS listener and no nginx server listening with ssl");
        }
    },
});

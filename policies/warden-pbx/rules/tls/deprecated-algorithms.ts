import { parameterGroupOf, parametersOf, postgresDatabases } from "../../../lib/databases";
import { effective } from "../../../lib/nginx";
import { NGINX_DEFAULT_CIPHERS, deprecatedSuites, elbPolicy, oldestProtocol } from "../../../lib/tls";
import { nginxProtocolNameProblem, nginxProtocols } from "../../../lib/tls-endpoints";
import { automatedRule } from "../../../lib/rule";
import { eachNginxTls, tlsListeners } from "../../tls";

export default automatedRule({
    name: "deprecated-algorithms",
    items: ["WP-3.3.1.3"],
    description:
        "No deprecated algorithm is configurable in the infrastructure: no HTTPS/TLS listener's ELB policy offers SHA-1 or 3DES suites (unknown policies fail), no nginx ssl server offers anything but explicit suites free of MD5, SHA-1, RC4, DES/3DES, NULL and export ciphers (aliases such as HIGH or ECDHE fail, as they include SHA-1 suites) or enables SSLv3 (ssl_protocols names matched in any case, unknown names fail), and no PostgreSQL parameter group stores passwords as MD5 (password_encryption). The PBX's own algorithms are WP-3.3.1.2, attested.",
    severity: "high",
    remediationSteps: "Use ELBSecurityPolicy-TLS13-1-2-Res-2021-06, AEAD-only nginx ciphers, and `password_encryption = scram-sha-256` (the kit's defaults).",
    validate: (context) => {
        let endpoints = tlsListeners(context.resources).length;
        for (const listener of tlsListeners(context.resources)) {
            const name = typeof listener.props.sslPolicy === "string" ? listener.props.sslPolicy : undefined;
            const profile = elbPolicy(name);
            if (!profile || profile.deprecatedCiphers) {
                context.report(`uses ${name ?? "the default ELBSecurityPolicy-2016-08"}, which ${profile ? "offers SHA-1 or 3DES cipher suites" : "is not a known policy"}`, listener);
            }
        }
        eachNginxTls(context, (entry) => {
            const { chain, source, name } = entry;
            endpoints += 1;
            const ciphers = effective(chain, "ssl_ciphers")[0]?.args.join(":") ?? NGINX_DEFAULT_CIPHERS;
            const deprecated = deprecatedSuites(ciphers);
            if (deprecated.length > 0) {
                context.report(
                    `nginx server ${name} allows ${deprecated.join(", ")}${ciphers === NGINX_DEFAULT_CIPHERS ? " (nginx's default)" : ""}; only explicit suites without MD5, SHA-1, RC4, DES/3DES or NULL are allowed (aliases such as HIGH or ECDHE include SHA-1 suites)`,
                    source,
                );
            }
            const nameProblem = nginxProtocolNameProblem(entry);
            if (nameProblem) {
                context.report(nameProblem, source);
            } else if ((oldestProtocol(nginxProtocols(entry).protocols) ?? 0) < 1) {
                context.report(`nginx server ${name} enables SSL`, source);
            }
        });
        for (const database of postgresDatabases(context.resources)) {
            const group = parameterGroupOf(database);
            if (parametersOf(group).get("password_encryption")?.toLowerCase() === "md5") {
                context.report("stores database passwords as MD5 hashes (password_encryption = md5)", group ?? database);
            }
        }
        if (endpoints === 0) {
            context.report("nothing terminates TLS: no HTTPS listener and no nginx server listening with ssl");
        }
    },
});

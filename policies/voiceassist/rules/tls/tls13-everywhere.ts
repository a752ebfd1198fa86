import { parameterGroupOf, parametersOf, postgresDatabases } from "../../../lib/databases";
import { qdrantReleases, redisReleases, redisTlsEnabled } from "../../../lib/datastores";
import { isTrue, valueAt } from "../../../lib/helm";
import { automatedRule } from "../../../lib/rule";
import { listenerVersionProblem, nginxVersionProblem } from "../../../lib/tls-endpoints";
import { eachTlsEndpoint } from "../../voiceassist";

export default automatedRule({
    name: "tls13-everywhere",
    items: ["VA-11.1.3", "VA-11.2.2"],
    description:
        "PHI travels over TLS 1.3 only: every HTTPS/TLS listener uses a TLS 1.3-only ELB policy (ELBSecurityPolicy-TLS13-1-3-*), nginx servers with ssl enable only TLSv1.3; every PostgreSQL database forces TLS (rds.force_ssl 1) with ssl_min_protocol_version TLSv1.3 in its parameter group; the Redis release has tls.enabled; the Qdrant release serves TLS (config.service.enable_tls).",
    severity: "critical",
    remediationSteps:
        "The kit sets `readiness-kit:voiceassistSslPolicy` to ELBSecurityPolicy-TLS13-1-3-2021-06, rds.force_ssl=1 and ssl_min_protocol_version=TLSv1.3 in the database parameter group, tls.enabled on Redis and config.service.enable_tls on Qdrant. In your own program, set the same.",
    validate: (context) => {
        eachTlsEndpoint(context, {
            listener: (listener) => {
                const problem = listenerVersionProblem(listener, 1.3);
                if (problem) {
                    context.report(problem, listener);
                }
            },
            nginx: (entry) => {
                const problem = nginxVersionProblem(entry, 1.3);
                if (problem) {
                    context.report(problem, entry.source);
                }
            },
        });
        const databases = postgresDatabases(context.resources);
        if (databases.length === 0) {
            context.report("no PostgreSQL database exists whose connections could be shown to use TLS 1.3");
        }
        for (const database of databases) {
            const parameters = parametersOf(parameterGroupOf(database));
            if (parameters.get("rds.force_ssl") !== "1") {
                context.report("accepts unencrypted connections (rds.force_ssl is not 1 in its parameter group)", database);
            }
            if (parameters.get("ssl_min_protocol_version") !== "TLSv1.3") {
                context.report(`accepts TLS ${parameters.get("ssl_min_protocol_version") ?? "1.2 (the default ssl_min_protocol_version)"}; TLSv1.3 is required`, database);
            }
        }
        for (const release of redisReleases(context.resources).filter((entry) => !redisTlsEnabled(entry))) {
            context.report("serves Redis without TLS (tls.enabled)", release);
        }
        for (const release of qdrantReleases(context.resources).filter((entry) => !isTrue(valueAt(entry, "config.service.enable_tls")))) {
            context.report("serves Qdrant without TLS (config.service.enable_tls)", release);
        }
    },
});

import { pooledByProxy } from "../../../lib/databases";
import { releasesOf } from "../../../lib/helm";
import { automatedRule } from "../../../lib/rule";
import { requireDatabases } from "../../voiceassist";

export default automatedRule({
    name: "connection-pooling",
    items: ["VA-5.1.6"],
    description:
        "Each primary PostgreSQL database has a connection pool in front of it: an RDS Proxy whose target is the database and whose default target group sets connectionPoolConfig, or a pgbouncer helm release in the cluster.",
    severity: "medium",
    remediationSteps: "The kit puts an RDS Proxy with a pool configuration in front of the primary and points DATABASE_URL at it. In your own program, add aws.rds.Proxy, ProxyDefaultTargetGroup (connectionPoolConfig) and ProxyTarget.",
    validate: (context) => {
        const pgbouncer = releasesOf(context.resources, "pgbouncer").length > 0;
        for (const database of requireDatabases(context)) {
            const { pooled, proxies } = pooledByProxy(context.resources, database);
            if (!pooled && !pgbouncer) {
                context.report(proxies.length > 0 ? "has an RDS Proxy without a connection pool configuration (ProxyDefaultTargetGroup connectionPoolConfig)" : "has no connection pool (RDS Proxy or pgbouncer) in front of it", proxies[0] ?? database);
            }
        }
    },
});

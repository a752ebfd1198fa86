import { packagesOf } from "../../../lib/cloud-init";
import { pooledByProxy } from "../../../lib/databases";
import { cloudConfigOfHost, pbxHosts } from "../../../lib/hosts";
import { automatedRule } from "../../../lib/rule";
import { requireDatabases } from "../../pbx";

export default automatedRule({
    name: "connection-pooling",
    items: ["WP-1.2.1.5", "WP-6.3.1.2"],
    description:
        "Each primary PostgreSQL database has a connection pool in front of it: an RDS Proxy (aws:rds/proxy) whose target is the database and whose default target group sets connectionPoolConfig, or pgbouncer installed on the PBX host with /etc/pgbouncer/pgbouncer.ini written by cloud-init.",
    severity: "medium",
    remediationSteps:
        "The kit puts an RDS Proxy in front of the PBX database. In your own program, add aws.rds.Proxy + ProxyDefaultTargetGroup (connectionPoolConfig) + ProxyTarget for the instance, or install and configure pgbouncer on the PBX host.",
    validate: ({ resources, report }) => {
        const pgbouncer = pbxHosts(resources).some((host) => {
            const cloud = cloudConfigOfHost(host);
            return !("problem" in cloud) && packagesOf(cloud.config).includes("pgbouncer") && (cloud.config.write_files ?? []).some((file) => file.path === "/etc/pgbouncer/pgbouncer.ini");
        });
        for (const database of requireDatabases({ resources, report })) {
            const { pooled, proxies } = pooledByProxy(resources, database);
            if (pooled) {
                continue;
            }
            if (pgbouncer) {
                continue;
            }
            report(proxies.length > 0 ? "has an RDS Proxy without a connection pool configuration (ProxyDefaultTargetGroup connectionPoolConfig)" : "has no connection pool (RDS Proxy or pgbouncer) in front of it", proxies[0] ?? database);
        }
    },
});

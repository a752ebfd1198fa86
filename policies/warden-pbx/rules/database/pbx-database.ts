import { RDS_INSTANCE, pgDatabases, postgresDatabases } from "../../../lib/databases";
import { automatedRule } from "../../../lib/rule";

export default automatedRule<{ name: string }>({
    name: "pbx-database",
    items: ["WP-1.2.1.2"],
    description: "Requires a database named `name` (pbx_system): a postgresql Database resource with that name, or an RDS PostgreSQL instance whose dbName creates it.",
    severity: "high",
    remediationSteps:
        "The kit creates pbx_system (RDS dbName and a postgresql.Database). In your own program, set `dbName: \"pbx_system\"` on the RDS instance or add a postgresql.Database named pbx_system.",
    config: { name: { type: "string", default: "pbx_system", description: "The PBX database name." } },
    validate: ({ resources, config, report }) => {
        const named = pgDatabases(resources).some((database) => database.props.name === config.name);
        const created = postgresDatabases(resources).some((database) => database.type === RDS_INSTANCE && database.props.dbName === config.name);
        if (!named && !created) {
            report(`no database named ${config.name} is created (postgresql Database or RDS dbName)`);
        }
    },
});

import { majorVersion, postgresDatabases } from "../../../lib/databases";
import { automatedRule } from "../../../lib/rule";

export default automatedRule<{ minMajor: number }>({
    name: "postgres-version",
    items: ["WP-1.2.1.1"],
    description:
        "Requires at least one PostgreSQL database (aws:rds/instance with engine postgres, or an aurora-postgresql cluster) and an engineVersion of major minMajor or later on every one; a database without engineVersion gets RDS's current default, which is newer.",
    severity: "high",
    remediationSteps:
        "The kit creates RDS PostgreSQL from `readiness-kit:wardenPostgresVersion` (default 16). In your own program, set the instance's `engine: \"postgres\"` and `engineVersion` to 14 or later (upgrade with allowMajorVersionUpgrade).",
    config: { minMajor: { type: "integer", minimum: 9, default: 14, description: "Oldest PostgreSQL major version allowed." } },
    validate: ({ resources, config, report }) => {
        const databases = postgresDatabases(resources);
        if (databases.length === 0) {
            report("no PostgreSQL database (aws:rds/instance with engine postgres) exists");
        }
        for (const database of databases) {
            const major = majorVersion(database.props.engineVersion);
            if (major !== undefined && major < config.minMajor) {
                report(`runs PostgreSQL ${database.props.engineVersion}; ${config.minMajor} or later is required`, database);
            }
        }
    },
});

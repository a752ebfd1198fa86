import { parameterGroupOf, parametersOf, postgresDatabases } from "../../../lib/databases";
import { automatedRule } from "../../../lib/rule";

const OFF = ["0", "off", "false"];

export default automatedRule({
    name: "autovacuum",
    items: ["WP-1.2.1.7"],
    description:
        "PostgreSQL schedules VACUUM and ANALYZE itself through autovacuum, on by default in RDS. The rule requires a PostgreSQL database and fails when its parameter group turns autovacuum or track_counts (which autovacuum needs) off.",
    severity: "medium",
    remediationSteps: "Remove `autovacuum = 0` / `track_counts = 0` from the database's parameter group (the kit never sets them).",
    validate: ({ resources, report }) => {
        const databases = postgresDatabases(resources);
        if (databases.length === 0) {
            report("no PostgreSQL database exists");
        }
        for (const database of databases) {
            const group = parameterGroupOf(database);
            const parameters = parametersOf(group);
            for (const name of ["autovacuum", "track_counts"]) {
                if (OFF.includes((parameters.get(name) ?? "").toLowerCase())) {
                    report(`turns ${name} off, so VACUUM and ANALYZE no longer run on their own`, group ?? database);
                }
            }
        }
    },
});

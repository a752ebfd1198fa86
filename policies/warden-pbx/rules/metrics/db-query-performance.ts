import { parameterGroupOf, parametersOf } from "../../../lib/databases";
import { automatedRule } from "../../../lib/rule";
import { requireDatabases } from "../../pbx";

export default automatedRule({
    name: "db-query-performance",
    items: ["WP-4.4.1.3.6"],
    description:
        "Query performance of each primary PostgreSQL database is tracked: RDS Performance Insights is on (per-statement load and latency), or its parameter group loads pg_stat_statements (shared_preload_libraries) and logs slow statements (log_min_duration_statement >= 0).",
    severity: "medium",
    remediationSteps: "The kit enables Performance Insights and pg_stat_statements. In your own program, set `performanceInsightsEnabled: true` on the instance.",
    validate: ({ resources, report }) => {
        for (const database of requireDatabases({ resources, report })) {
            if (database.props.performanceInsightsEnabled === true) {
                continue;
            }
            const parameters = parametersOf(parameterGroupOf(database));
            const statements = (parameters.get("shared_preload_libraries") ?? "").split(",").map((entry) => entry.trim()).includes("pg_stat_statements");
            const slowLog = Number(parameters.get("log_min_duration_statement") ?? -1) >= 0;
            if (!statements || !slowLog) {
                report("tracks no query performance: Performance Insights is off and pg_stat_statements with a slow-statement log is not configured", database);
            }
        }
    },
});

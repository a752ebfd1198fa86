import { parameterGroupOf, parametersOf } from "../../../lib/databases";
import { asNumber } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { requireDatabases } from "../../voiceassist";

export default automatedRule({
    name: "query-profiling",
    items: ["VA-5.2.6"],
    description:
        "Query performance is profiled on each primary: pg_stat_statements is in shared_preload_libraries of its parameter group, and slow statements are recorded (Performance Insights enabled, or log_min_duration_statement set to 0 or more).",
    severity: "medium",
    remediationSteps: "The kit loads pg_stat_statements, sets log_min_duration_statement=500 and enables Performance Insights. In your own program, set the same in the parameter group and performanceInsightsEnabled: true.",
    validate: (context) => {
        for (const database of requireDatabases(context)) {
            const parameters = parametersOf(parameterGroupOf(database));
            if (!(parameters.get("shared_preload_libraries") ?? "").split(",").map((entry) => entry.trim()).includes("pg_stat_statements")) {
                context.report("does not load pg_stat_statements (shared_preload_libraries)", database);
            }
            const slowLog = asNumber(parameters.get("log_min_duration_statement"));
            if (database.props.performanceInsightsEnabled !== true && (slowLog === undefined || slowLog < 0)) {
                context.report("records no slow queries (Performance Insights off and log_min_duration_statement unset)", database);
            }
        }
    },
});

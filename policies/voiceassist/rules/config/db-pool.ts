import { parameterGroupOf, parametersOf, primaryPostgres } from "../../../lib/databases";
import { asNumber } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { appWorkloads, describeContainer, requireVariables, variableValue } from "../../voiceassist";

export default automatedRule<{ sizeVariable: string; overflowVariable: string }>({
    name: "db-pool",
    items: ["VA-3.2.5"],
    description:
        "Every container of the application sets the database pool (sizeVariable, overflowVariable) to positive integers, and all replicas of all app workloads together open no more connections ((size + overflow) x replicas) than the primary's max_connections when its parameter group sets one.",
    severity: "medium",
    remediationSteps: "The kit sets DB_POOL_SIZE=20 and DB_MAX_OVERFLOW=10 in the app's ConfigMap. In your own program, set them so that the sum over replicas stays below max_connections.",
    config: {
        sizeVariable: { type: "string", default: "DB_POOL_SIZE", description: "Variable holding the pool size." },
        overflowVariable: { type: "string", default: "DB_MAX_OVERFLOW", description: "Variable holding the pool's overflow." },
    },
    validate: (context) => {
        let total = 0;
        requireVariables(context, [context.config.sizeVariable, context.config.overflowVariable], (entry, name, source) => {
            const value = asNumber(variableValue(source));
            if (value === undefined || !Number.isInteger(value) || value < (name === context.config.sizeVariable ? 1 : 0)) {
                context.report(`${describeContainer(entry)} sets ${name} to ${variableValue(source) ?? "a value this program does not show"}, not a pool size`, entry.workload);
                return;
            }
            const spec = (entry.workload.props.spec ?? {}) as Record<string, unknown>;
            total += value * (asNumber(spec.replicas) ?? 1);
        });
        const workloads = appWorkloads(context.resources).length;
        for (const database of primaryPostgres(context.resources)) {
            const limit = asNumber(parametersOf(parameterGroupOf(database)).get("max_connections"));
            if (workloads > 0 && limit !== undefined && total > limit) {
                context.report(`would receive up to ${total} connections from the application's pools; max_connections is ${limit}`, database);
            }
        }
    },
});

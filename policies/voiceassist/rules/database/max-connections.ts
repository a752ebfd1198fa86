import { instanceSize } from "../../../lib/instance-types";
import { parameterGroupOf, parametersOf } from "../../../lib/databases";
import { asNumber } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { requireDatabases } from "../../voiceassist";

export default automatedRule<{ minConnections: number }>({
    name: "max-connections",
    items: ["VA-5.2.5"],
    description:
        "Each primary PostgreSQL database accepts at least minConnections connections: max_connections in its parameter group, or RDS's default LEAST(DBInstanceClassMemory/9531392, 5000) computed from the instance class's memory when the group does not set it.",
    severity: "medium",
    remediationSteps: "The kit sets max_connections=200 in the parameter group. In your own program, set it there (or choose an instance class whose default reaches 200).",
    config: { minConnections: { type: "integer", minimum: 1, default: 200, description: "Fewest connections the database must accept." } },
    validate: (context) => {
        for (const database of requireDatabases(context)) {
            const value = parametersOf(parameterGroupOf(database)).get("max_connections");
            const memory = instanceSize(String(database.props.instanceClass ?? ""))?.memoryGiB;
            const connections = value !== undefined ? asNumber(value) : memory !== undefined ? Math.min(Math.floor((memory * 1024 ** 3) / 9531392), 5000) : undefined;
            if (connections === undefined) {
                context.report(`sets max_connections to ${value ?? "the RDS default of an instance class of unknown size"}, which cannot be compared with ${context.config.minConnections}`, database);
            } else if (connections < context.config.minConnections) {
                context.report(`accepts ${connections} connections (max_connections); at least ${context.config.minConnections} are required`, database);
            }
        }
    },
});

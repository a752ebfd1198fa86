import { pgDatabases, primaryPostgres } from "../../../lib/databases";
import { automatedRule } from "../../../lib/rule";
import { describeContainer, requireVariables, variableValue } from "../../voiceassist";

export default automatedRule({
    name: "postgres-db",
    items: ["VA-3.2.3"],
    description: "Every container of the application sets POSTGRES_DB to a database the program creates: the RDS primary's dbName or a postgresql Database.",
    severity: "high",
    remediationSteps: "The kit creates the `voiceassist` database (RDS dbName) and sets POSTGRES_DB to it. In your own program, set POSTGRES_DB to the database you create.",
    validate: (context) => {
        const names = [...primaryPostgres(context.resources).map((database) => database.props.dbName), ...pgDatabases(context.resources).map((database) => database.props.name)].filter((name): name is string => typeof name === "string");
        requireVariables(context, ["POSTGRES_DB"], (entry, name, source) => {
            const value = variableValue(source);
            if (value === undefined || !names.includes(value)) {
                context.report(`${describeContainer(entry)} sets ${name} to ${value ?? "a value this program does not show"}, which is no database of the program (${names.join(", ") || "none defined"})`, entry.workload);
            }
        });
    },
});

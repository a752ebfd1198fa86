import { loginRoles, primaryPostgres } from "../../../lib/databases";
import { automatedRule } from "../../../lib/rule";
import { describeContainer, requireVariables, variableValue } from "../../voiceassist";

export default automatedRule({
    name: "postgres-user",
    items: ["VA-3.2.1"],
    description:
        "Every container of the application sets POSTGRES_USER to a user the database has: a login role of the program (postgresql Role with login: true) or the RDS primary's master username.",
    severity: "high",
    remediationSteps: "The kit creates the `voiceassist` login role and sets POSTGRES_USER to it. In your own program, create a postgresql.Role (login: true) and set POSTGRES_USER to its name.",
    validate: (context) => {
        const users = [...loginRoles(context.resources).map((role) => role.props.name), ...primaryPostgres(context.resources).map((database) => database.props.username)].filter((name): name is string => typeof name === "string");
        requireVariables(context, ["POSTGRES_USER"], (entry, name, source) => {
            const value = variableValue(source);
            if (value === undefined || !users.includes(value)) {
                context.report(`${describeContainer(entry)} sets ${name} to ${value ?? "a value this program does not show"}, which is no user of the database (${users.join(", ") || "none defined"})`, entry.workload);
            }
        });
    },
});

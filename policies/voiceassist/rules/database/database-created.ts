import { pgDatabases } from "../../../lib/databases";
import { automatedRule } from "../../../lib/rule";
import { requireDatabases } from "../../voiceassist";

export default automatedRule({
    name: "database-created",
    items: ["VA-5.1.2"],
    description: "The application's database is created by the program: the primary's dbName, or a postgresql Database resource.",
    severity: "high",
    remediationSteps: "The kit sets dbName `voiceassist` on the primary. In your own program, set dbName or add a postgresql.Database.",
    validate: (context) => {
        const databases = requireDatabases(context);
        const named = databases.some((database) => typeof database.props.dbName === "string" && database.props.dbName !== "");
        if (databases.length > 0 && !named && pgDatabases(context.resources).length === 0) {
            context.report("no application database is created: no dbName on the primary and no postgresql Database", databases[0]);
        }
    },
});

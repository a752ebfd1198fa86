import { automatedRule } from "../../../lib/rule";
import { eachPbxConfig, setting } from "../../pbx";

const VARIABLE = /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/;

export default automatedRule<{ databaseName: string }>({
    name: "database-connection",
    items: ["WP-2.1.2.3"],
    description:
        "The PBX's config.yml connects to PostgreSQL: database.type is postgresql, host, port, name and user are set, the name is `databaseName` (or an ${VARIABLE} from the environment file), and the password is an ${VARIABLE} reference, never a literal.",
    severity: "critical",
    remediationSteps: "The kit's config.yml uses type: postgresql with ${DB_HOST}, ${DB_NAME}, ${DB_USER} and ${DB_PASSWORD} from the .env. In your own program, write the database section that way.",
    config: { databaseName: { type: "string", default: "pbx_system", description: "The PBX database name." } },
    validate: (context) => {
        eachPbxConfig(context, (file, source) => {
            const value = (key: string) => setting(file.data, `database.${key}`);
            if (value("type") !== "postgresql") {
                context.report(`${file.source} sets database.type ${String(value("type") ?? "(none)")}; production uses postgresql`, source);
            }
            const missing = ["host", "port", "name", "user", "password"].filter((key) => value(key) === undefined || value(key) === "");
            if (missing.length > 0) {
                context.report(`${file.source} leaves database.${missing.join(", database.")} unset`, source);
            }
            const name = value("name");
            if (typeof name === "string" && !VARIABLE.test(name) && name !== context.config.databaseName) {
                context.report(`${file.source} connects to database ${name}, not ${context.config.databaseName}`, source);
            }
            const password = value("password");
            if (password !== undefined && !(typeof password === "string" && VARIABLE.test(password))) {
                context.report(`${file.source} holds the database password as a literal; use \${DB_PASSWORD} from the environment file`, source);
            }
        });
    },
});

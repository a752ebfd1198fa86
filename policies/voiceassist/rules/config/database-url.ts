import { primaryPostgres, proxiesFor } from "../../../lib/databases";
import { referenced } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { describeContainer, parseUrl, requireVariables, variableValue } from "../../voiceassist";

export default automatedRule<{ port: number }>({
    name: "database-url",
    items: ["VA-3.2.4"],
    description:
        "Every container of the application gets DATABASE_URL from a Kubernetes Secret, built from the program's own values: a postgresql:// (or postgresql+driver://) URL whose user, password and database equal POSTGRES_USER, POSTGRES_PASSWORD and POSTGRES_DB, whose port is `port`, that requires TLS (sslmode=require/verify-ca/verify-full or ssl=require/true), and whose Secret derives from the primary database or its RDS Proxy (the host comes from it).",
    severity: "high",
    remediationSteps: "The kit builds DATABASE_URL with pulumi.interpolate from the RDS Proxy endpoint, the generated password and the database name, with ?ssl=require. In your own program, build it the same way; never type the host or password.",
    config: { port: { type: "integer", default: 5432, description: "The PostgreSQL port." } },
    validate: (context) => {
        const fronts = primaryPostgres(context.resources).flatMap((database) => [database, ...proxiesFor(context.resources, database)]);
        requireVariables(context, ["DATABASE_URL"], (entry, name, source) => {
            const problem = (message: string) => context.report(`${describeContainer(entry)}: ${name} ${message}`, entry.workload);
            if (source.kind !== "secret") {
                problem("is not taken from a Secret, so it exposes the database password");
                return;
            }
            const text = variableValue(source);
            const url = parseUrl(text);
            if (!url) {
                problem("is not a URL");
                return;
            }
            if (!/^postgres(ql)?(\+[a-z0-9]+)?:$/.test(url.protocol)) {
                problem(`uses scheme ${url.protocol}, not postgresql://`);
            }
            const expected: [string, string | undefined, string | undefined][] = [
                ["user", decodeURIComponent(url.username), variableValue(entry.env.get("POSTGRES_USER"))],
                ["password", decodeURIComponent(url.password), variableValue(entry.env.get("POSTGRES_PASSWORD"))],
                ["database", url.pathname.replace(/^\//, ""), variableValue(entry.env.get("POSTGRES_DB"))],
            ];
            for (const [part, actual, wanted] of expected) {
                if (wanted === undefined || actual !== wanted) {
                    problem(`has a ${part} that is not POSTGRES_${part === "database" ? "DB" : part.toUpperCase()}`);
                }
            }
            if (Number(url.port || 5432) !== context.config.port) {
                problem(`connects to port ${url.port}; ${context.config.port} is required`);
            }
            const tls = url.searchParams.get("sslmode") ?? url.searchParams.get("ssl");
            if (!tls || !["require", "verify-ca", "verify-full", "true"].includes(tls)) {
                problem("does not require TLS (sslmode=require or ssl=require)");
            }
            if (source.object && !referenced(source.object, "stringData").some((dependency) => fronts.some((front) => front.urn === dependency.urn)) && !referenced(source.object, "data").some((dependency) => fronts.some((front) => front.urn === dependency.urn))) {
                problem("does not derive from the primary database or its proxy, so its host is typed in");
            }
        });
    },
});

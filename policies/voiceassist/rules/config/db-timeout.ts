import { asNumber } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { describeContainer, eachAppContainer, parseUrl, variableValue } from "../../voiceassist";

export default automatedRule<{ variables: string[]; maxSeconds: number }>({
    name: "db-timeout",
    items: ["VA-3.2.6"],
    description:
        "Every container of the application bounds how long it waits for a database connection: one of `variables` is a positive number of seconds no larger than maxSeconds, or DATABASE_URL carries connect_timeout.",
    severity: "medium",
    remediationSteps: "The kit sets DB_POOL_TIMEOUT=30. In your own program, set it in the app's ConfigMap (or add connect_timeout=10 to DATABASE_URL).",
    config: {
        variables: { type: "array", items: { type: "string" }, default: ["DB_POOL_TIMEOUT", "DB_CONNECT_TIMEOUT"], description: "Variables holding the connection timeout, in seconds." },
        maxSeconds: { type: "number", minimum: 1, default: 60, description: "Longest acceptable timeout." },
    },
    validate: (context) => {
        eachAppContainer(context, (entry) => {
            const fromUrl = asNumber(parseUrl(variableValue(entry.env.get("DATABASE_URL")))?.searchParams.get("connect_timeout"));
            const values = context.config.variables.filter((name) => entry.env.has(name)).map((name) => asNumber(variableValue(entry.env.get(name))));
            const timeouts = [...values, fromUrl].filter((value): value is number => value !== undefined);
            if (timeouts.length === 0) {
                context.report(`${describeContainer(entry)} sets no database connection timeout (${context.config.variables.join(" or ")}, or connect_timeout in DATABASE_URL)`, entry.workload);
            } else if (!timeouts.some((value) => value > 0 && value <= context.config.maxSeconds)) {
                context.report(`${describeContainer(entry)} waits ${timeouts.join("/")} s for a database connection; between 1 and ${context.config.maxSeconds} s is required`, entry.workload);
            }
        });
    },
});

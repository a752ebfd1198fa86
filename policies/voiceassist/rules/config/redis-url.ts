import { redisTlsEnabled } from "../../../lib/datastores";
import { automatedRule } from "../../../lib/rule";
import { describeContainer, redisRelease, parseUrl, requireVariables, variableValue } from "../../voiceassist";

export default automatedRule({
    name: "redis-url",
    items: ["VA-3.3.4"],
    description:
        "Every container of the application gets REDIS_URL from a Kubernetes Secret as redis://, or rediss:// when the Redis release has TLS on, whose host, port and password equal REDIS_HOST, REDIS_PORT and REDIS_PASSWORD.",
    severity: "high",
    remediationSteps: "The kit builds REDIS_URL as rediss://:<password>@<REDIS_HOST>:<REDIS_PORT>/0 from the same values. In your own program, build it from them with pulumi.interpolate.",
    validate: (context) => {
        const release = redisRelease(context.resources);
        requireVariables(context, ["REDIS_URL"], (entry, name, source) => {
            const problem = (message: string) => context.report(`${describeContainer(entry)}: ${name} ${message}`, entry.workload);
            if (source.kind !== "secret") {
                problem("is not taken from a Secret, so it exposes the Redis password");
                return;
            }
            const url = parseUrl(variableValue(source));
            if (!url) {
                problem("is not a URL");
                return;
            }
            const scheme = release && redisTlsEnabled(release) ? "rediss:" : "redis:";
            if (url.protocol !== scheme) {
                problem(`uses ${url.protocol}//; ${scheme}// is required${scheme === "rediss:" ? " (the release has TLS on)" : ""}`);
            }
            if (url.hostname !== variableValue(entry.env.get("REDIS_HOST")) || (url.port || "6379") !== variableValue(entry.env.get("REDIS_PORT"))) {
                problem("does not point at REDIS_HOST:REDIS_PORT");
            }
            if (decodeURIComponent(url.password) !== variableValue(entry.env.get("REDIS_PASSWORD"))) {
                problem("does not carry REDIS_PASSWORD");
            }
        });
    },
});

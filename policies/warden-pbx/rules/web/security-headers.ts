import { hstsMaxAge, responseHeaders } from "../../../lib/web";
import { automatedRule } from "../../../lib/rule";
import { eachWebEntry } from "../../web";

export default automatedRule<{ headers: string[]; minHstsSeconds: number }>({
    name: "security-headers",
    items: ["WP-2.3.1.7"],
    description:
        "Every response of the PBX carries the headers in `headers` (HSTS, CSP, X-Content-Type-Options, X-Frame-Options): for each nginx location proxying the API, the add_header directives in effect there (nginx does not merge add_header across levels: the innermost level that has any wins) together with the response headers of the HTTPS listeners of load balancers fronting it; HSTS max-age is at least minHstsSeconds.",
    severity: "high",
    remediationSteps: "The kit's nginx server adds the four headers with `always`. In your own program, add them at server level and not again in a location (or set the routingHttpResponse*HeaderValue attributes of the HTTPS listener).",
    config: {
        headers: { type: "array", items: { type: "string" }, default: ["Strict-Transport-Security", "Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options"], description: "Response headers every page must carry." },
        minHstsSeconds: { type: "integer", minimum: 0, default: 31536000, description: "Shortest HSTS max-age." },
    },
    validate: (context) => {
        eachWebEntry(context, ({ proxies, balancers, source }) => {
            const places = proxies.length > 0 ? proxies.flatMap(({ locations }) => locations.map(({ location, chain }) => ({ where: `nginx location ${location.args.join(" ")}`, chain }))) : [{ where: "the load balancer", chain: [] }];
            for (const { where, chain } of places) {
                const set = responseHeaders(context.resources, balancers, chain);
                const missing = context.config.headers.filter((header) => !set.has(header.toLowerCase()));
                if (missing.length > 0) {
                    context.report(`${where} sends no ${missing.join(", ")}`, source);
                }
                const maxAge = hstsMaxAge(set);
                if (maxAge !== undefined && maxAge < context.config.minHstsSeconds) {
                    context.report(`${where} sends HSTS with max-age ${maxAge}; at least ${context.config.minHstsSeconds} is required`, source);
                }
            }
        });
    },
});

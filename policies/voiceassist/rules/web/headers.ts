// The response-header boxes of 4.2: headers every page of the application carries.
import { AutomatedRule, automatedRule } from "../../../lib/rule";
import { hstsMaxAge, responseHeaders } from "../../../lib/web";
import { eachAppWeb } from "../../voiceassist";

export function headerRule(options: { name: string; item: string; headers: string[]; description: string; remediation: string }): AutomatedRule {
    return automatedRule<{ headers: string[]; minHstsSeconds: number }>({
        name: options.name,
        items: [options.item],
        description: `${options.description} Read for each nginx location proxying the application on a VoiceAssist server (add_header in effect there; nginx does not merge add_header across levels) together with the response-header attributes of the HTTPS listeners of load balancers in front of it; HSTS max-age must be at least minHstsSeconds.`,
        severity: "high",
        remediationSteps: options.remediation,
        config: {
            headers: { type: "array", items: { type: "string" }, default: options.headers, description: "Response headers every page must carry." },
            minHstsSeconds: { type: "integer", minimum: 0, default: 31536000, description: "Shortest HSTS max-age, in seconds." },
        },
        validate: (context) => {
            eachAppWeb(context, ({ proxies, balancers, source }) => {
                const places = proxies.length > 0 ? proxies.flatMap(({ locations }) => locations.map(({ location, chain }) => ({ where: `nginx location ${location.args.join(" ")}`, chain }))) : [{ where: "the load balancer", chain: [] }];
                for (const { where, chain } of places) {
                    const headers = responseHeaders(context.resources, balancers, chain);
                    const missing = context.config.headers.filter((header) => !headers.has(header.toLowerCase()));
                    if (missing.length > 0) {
                        context.report(`${where} sends no ${missing.join(", ")}`, source);
                    }
                    const maxAge = hstsMaxAge(headers);
                    if (context.config.headers.some((header) => header.toLowerCase() === "strict-transport-security") && maxAge !== undefined && maxAge < context.config.minHstsSeconds) {
                        context.report(`${where} sends HSTS with max-age ${maxAge}; at least ${context.config.minHstsSeconds} is required`, source);
                    }
                }
            });
        },
    });
}

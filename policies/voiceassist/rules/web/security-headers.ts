import { headerRule } from "./headers";

export default headerRule({
    name: "security-headers",
    item: "VA-4.2.6",
    headers: ["X-Frame-Options", "Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"],
    description: "Every response carries the security headers in `headers` (X-Frame-Options, CSP, X-Content-Type-Options, Referrer-Policy).",
    remediation: "The kit's nginx server adds the headers with `always` at server level. In your own program, add them there and not again in a location (or set the listener's routingHttpResponse*HeaderValue attributes).",
});

import { automatedRule } from "../../../lib/rule";
import { httpsRedirectFindings } from "../../../lib/web";
import { eachAppWeb } from "../../voiceassist";

export default automatedRule({
    name: "https-redirect",
    items: ["VA-4.2.2"],
    description:
        "HTTP is redirected to HTTPS: every internet-facing load balancer forwarding to a VoiceAssist server has an HTTPS listener and its HTTP listeners redirect to HTTPS with a 301, in their default actions and in every listener rule (a rule forwarding on a plain listener serves HTTP); where nginx is the edge (no load balancer), it serves the application with ssl and its plain servers return 301 to https.",
    severity: "critical",
    remediationSteps: "The kit's port-80 listener redirects to HTTPS (HTTP_301). In your own program, give the HTTP listener a default action {type: \"redirect\", redirect: {protocol: \"HTTPS\", port: \"443\", statusCode: \"HTTP_301\"}}, or `return 301 https://$host$request_uri;` in nginx's port-80 server.",
    validate: (context) => {
        eachAppWeb(context, ({ balancers, nginx, proxies, source }) => {
            for (const finding of httpsRedirectFindings(context.resources, balancers, nginx, proxies.map(({ server }) => server), "the application")) {
                context.report(finding.message, finding.resource ?? source);
            }
        });
    },
});

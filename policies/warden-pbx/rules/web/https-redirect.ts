import { httpsRedirectFindings } from "../../../lib/web";
import { automatedRule } from "../../../lib/rule";
import { eachWebEntry } from "../../web";

export default automatedRule({
    name: "https-redirect",
    items: ["WP-2.3.1.5"],
    description:
        "HTTPS is enabled and plain HTTP redirected: every internet-facing load balancer fronting the PBX has an HTTPS listener and each of its HTTP listeners redirects to HTTPS with a 301; where nginx is the edge, it serves the PBX with ssl and its port-80 servers return 301 to https.",
    severity: "critical",
    remediationSteps: "The kit's port-80 listener redirects to HTTPS (HTTP_301). In your own program, give the HTTP listener a default action {type: \"redirect\", redirect: {protocol: \"HTTPS\", port: \"443\", statusCode: \"HTTP_301\"}}.",
    validate: (context) => {
        eachWebEntry(context, ({ balancers, proxies, nginx, source }) => {
            for (const finding of httpsRedirectFindings(context.resources, balancers, nginx, proxies.map(({ server }) => server), "the PBX")) {
                context.report(finding.message, finding.resource ?? source);
            }
        });
    },
});

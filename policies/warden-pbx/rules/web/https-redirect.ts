import { listenerProtocol, networkListenersTo } from "../../../lib/edge";
import { httpsRedirectFindings } from "../../../lib/web";
import { automatedRule } from "../../../lib/rule";
import { eachWebEntry, plainAppPorts } from "../../web";

export default automatedRule({
    name: "https-redirect",
    items: ["WP-2.3.1.5"],
    description:
        "HTTPS is enabled and plain HTTP redirected: every internet-facing load balancer fronting the PBX has an HTTPS listener and each of its HTTP listeners redirects to HTTPS with a 301, in its default actions and in every listener rule (a rule forwarding on a plain listener serves HTTP); where nginx is the edge, it serves the PBX with ssl and its port-80 servers return 301 to https; no listener of an internet-facing network load balancer carries plain TCP to a host port serving the PBX over HTTP (the API port or an nginx server proxying it without ssl), since it cannot redirect.",
    severity: "critical",
    remediationSteps: "The kit's port-80 listener redirects to HTTPS (HTTP_301). In your own program, give the HTTP listener a default action {type: \"redirect\", redirect: {protocol: \"HTTPS\", port: \"443\", statusCode: \"HTTP_301\"}}.",
    validate: (context) => {
        eachWebEntry(context, (entry) => {
            const { balancers, proxies, nginx, source } = entry;
            for (const finding of httpsRedirectFindings(context.resources, balancers, nginx, proxies.map(({ server }) => server), "the PBX")) {
                context.report(finding.message, finding.resource ?? source);
            }
            // A network load balancer cannot redirect: a plain listener reaching a port that serves
            // the PBX over HTTP bypasses HTTPS. SIP/RTP listeners reach other ports and are left alone.
            const plain = plainAppPorts(entry);
            for (const { listener, ports } of networkListenersTo(context.resources, entry.host).filter(({ listener }) => listenerProtocol(listener) !== "TLS")) {
                const reached = ports.filter((port) => plain.has(port));
                if (reached.length > 0) {
                    context.report(`carries ${listener.props.protocol ?? "(no protocol)"} from the internet to port ${reached.join(", ")} of the PBX host, which serves the PBX over plain HTTP; a network load balancer cannot redirect, so use protocol TLS or remove the listener`, listener);
                }
            }
        });
    },
});

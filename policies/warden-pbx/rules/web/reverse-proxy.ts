import { forwardTargets, listenersOf } from "../../../lib/edge";
import { asNumber } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { eachWebEntry } from "../../web";

export default automatedRule({
    name: "reverse-proxy",
    items: ["WP-2.3.1.3"],
    description:
        "A reverse proxy forwards to the PBX API port (config.yml api.port, 8080): an nginx location on the host with proxy_pass to 127.0.0.1:<port> (or localhost, or an upstream block), or a load balancer listener forwarding (in its default actions or a listener rule) to a target group on that port with the host registered.",
    severity: "high",
    remediationSteps: "The kit's nginx proxies / to http://127.0.0.1:8080. In your own program, add `location / { proxy_pass http://127.0.0.1:8080; }` to the PBX's server block.",
    validate: (context) => {
        eachWebEntry(context, ({ proxies, balancers, apiPort, source }) => {
            const direct = balancers.some((balancer) =>
                listenersOf(context.resources, balancer).some((listener) => forwardTargets(context.resources, listener).some((group) => asNumber(group.props.port) === apiPort)),
            );
            if (proxies.length === 0 && !direct) {
                context.report(`has no reverse proxy to the PBX API on port ${apiPort} (nginx proxy_pass or a load balancer target group)`, source);
            }
        });
    },
});

import { listenerPort, listenerProtocol, listenersOf, redirectsToHttps } from "../../../lib/edge";
import { childDirectives, listens, servers } from "../../../lib/nginx";
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
            for (const balancer of balancers) {
                const listeners = listenersOf(context.resources, balancer);
                if (!listeners.some((listener) => listenerProtocol(listener) === "HTTPS")) {
                    context.report("has no HTTPS listener", balancer);
                }
                for (const listener of listeners.filter((entry) => listenerProtocol(entry) === "HTTP")) {
                    if (!redirectsToHttps(listener)) {
                        context.report(`listens on port ${listenerPort(listener)} over plain HTTP without a 301 redirect to HTTPS`, listener);
                    }
                }
            }
            if (balancers.length === 0) {
                if (!proxies.some(({ server }) => listens(server).some((listen) => listen.ssl))) {
                    context.report("serves the PBX over plain HTTP: no nginx server proxying it listens with ssl", source);
                }
                const plain = servers(nginx).filter((server) => listens(server).some((listen) => !listen.ssl));
                for (const server of plain) {
                    const redirects = childDirectives(server, "return").some((directive) => ["301", "308"].includes(directive.args[0]) && (directive.args[1] ?? "").startsWith("https://"));
                    if (!redirects) {
                        context.report(`nginx server ${childDirectives(server, "server_name")[0]?.args.join(" ") ?? ""} listens without ssl and does not redirect to https (return 301 https://...)`, source);
                    }
                }
            }
        });
    },
});

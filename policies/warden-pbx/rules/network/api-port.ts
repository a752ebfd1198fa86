import { openingFor, openingProblem } from "../../../lib/firewall";
import { LOOPBACK_HOSTS, childDirectives, httpContext, listens, locations, nginxConfig, proxyPort, servers } from "../../../lib/nginx";
import { PortRange } from "../../../lib/network";
import { automatedRule } from "../../../lib/rule";
import { eachPbxHost } from "../../pbx";

export default automatedRule<{ port: number }>({
    name: "api-port",
    items: ["WP-1.1.3.4.3"],
    description:
        "The HTTPS API on port (8080) must be reachable: either 8080/tcp is open on both firewall layers of the PBX host (security group and ufw; e.g. for a load balancer target group), or nginx on the host proxies to 127.0.0.1:8080 from a server whose listen port is open on both layers.",
    severity: "high",
    remediationSteps:
        "The kit's nginx proxies / to http://127.0.0.1:8080 and the load balancer reaches nginx. In your own program, either open 8080/tcp (security group from the load balancer's group + `ufw allow 8080/tcp`) or write an nginx server with `proxy_pass http://127.0.0.1:8080` and open its port.",
    config: { port: { type: "integer", minimum: 1, maximum: 65535, default: 8080, description: "The API port of the PBX." } },
    validate: (context) => {
        const api: PortRange = { protocol: "tcp", fromPort: context.config.port, toPort: context.config.port };
        eachPbxHost(context, (host, config, source) => {
            if (!openingProblem(openingFor(context.resources, host, config, api), api)) {
                return;
            }
            const nginx = nginxConfig(config);
            const http = httpContext(nginx);
            const proxying = servers(nginx).filter((server) =>
                locations(http, server).some(({ location }) =>
                    childDirectives(location, "proxy_pass").some((directive) => {
                        const target = proxyPort(nginx, directive.args[0] ?? "");
                        return target !== undefined && target.port === context.config.port && LOOPBACK_HOSTS.includes(target.host);
                    }),
                ),
            );
            if (proxying.length === 0) {
                context.report(`neither opens ${context.config.port}/tcp on both firewall layers nor proxies to 127.0.0.1:${context.config.port} with nginx, so the API is unreachable`, source);
                return;
            }
            const reachable = proxying.some((server) =>
                listens(server).some((listen) => {
                    const range: PortRange = { protocol: "tcp", fromPort: listen.port, toPort: listen.port };
                    return openingProblem(openingFor(context.resources, host, config, range), range) === undefined;
                }),
            );
            if (!reachable) {
                context.report(`proxies the API with nginx on ${proxying.flatMap(listens).map((listen) => listen.port).join(", ")}/tcp, but no such port is open on both firewall layers`, source);
            }
        });
    },
});

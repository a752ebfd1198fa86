import { balancersFronting, listenerPort, listenerProtocol, listenersOf } from "../../../lib/edge";
import { openingFor, openingProblem } from "../../../lib/firewall";
import { listens, nginxConfig, servers } from "../../../lib/nginx";
import { PortRange, admitting, groupsIn, ingressRules, isWorld } from "../../../lib/network";
import { automatedRule } from "../../../lib/rule";
import { eachPbxHost } from "../../pbx";

const HTTPS: PortRange = { protocol: "tcp", fromPort: 443, toPort: 443 };

export default automatedRule({
    name: "https-port",
    items: ["WP-1.1.3.4.4"],
    description:
        "Where a reverse proxy fronts the PBX, 443/tcp must be open to the internet on it: an internet-facing load balancer forwarding to the host has an HTTPS listener on 443 and a security group admitting 443 from 0.0.0.0/0 or ::/0; or nginx on the host listens on 443 with ssl and both firewall layers admit 443. Without any reverse proxy the item does not apply.",
    severity: "high",
    remediationSteps:
        "The kit's load balancer listens on 443 with its security group open to the internet. In your own program, add an aws.lb.Listener (port 443, protocol HTTPS) and an ingress rule for 443/tcp from 0.0.0.0/0 on the load balancer's security group.",
    validate: (context) => {
        const rules = ingressRules(context.resources);
        let proxies = 0;
        let hosts = 0;
        eachPbxHost(context, (host, config, source) => {
            hosts += 1;
            const balancers = balancersFronting(context.resources, host);
            const nginxTls = servers(nginxConfig(config)).filter((server) => listens(server).some((listen) => listen.port === 443 && listen.ssl));
            const nginxAny = servers(nginxConfig(config)).length > 0;
            proxies += balancers.length + (nginxAny ? 1 : 0);
            for (const balancer of balancers) {
                const https = listenersOf(context.resources, balancer).some((listener) => listenerPort(listener) === 443 && listenerProtocol(listener) === "HTTPS");
                const open = admitting(rules, groupsIn(balancer, "securityGroups"), HTTPS).some((rule) => rule.cidrs.some(isWorld));
                if (!https || !open) {
                    context.report(`${!https ? "has no HTTPS listener on 443" : ""}${!https && !open ? " and " : ""}${!open ? "no security group admitting 443/tcp from the internet" : ""}`, balancer);
                }
            }
            if (balancers.length === 0 && nginxAny) {
                if (nginxTls.length === 0) {
                    context.report("fronts the PBX with nginx but no nginx server listens on 443 with ssl", source);
                } else {
                    const problem = openingProblem(openingFor(context.resources, host, config, HTTPS), HTTPS);
                    if (problem) {
                        context.report(`${problem}; nginx serves HTTPS on it`, host.instance);
                    }
                }
            }
        });
        if (hosts > 0 && proxies === 0) {
            context.notApplicable("no reverse proxy (load balancer or nginx) fronts the PBX");
        }
    },
});

import { effective, findAll } from "../../../lib/nginx";
import { automatedRule } from "../../../lib/rule";
import { eachWebEntry } from "../../web";

export default automatedRule({
    name: "web-rate-limiting",
    items: ["WP-2.3.1.8"],
    description:
        "The web server limits request rates: every nginx location proxying the PBX API has a limit_req in effect (at its own, server or http level) whose zone= names a limit_req_zone that is defined. (The load balancer's WAF rate rule is WP-3.4.1.5.)",
    severity: "high",
    remediationSteps: "The kit defines `limit_req_zone $binary_remote_addr zone=pbx_api:10m rate=10r/s` and `limit_req zone=pbx_api burst=20 nodelay` in the proxying location. Add the same to your nginx configuration.",
    validate: (context) => {
        eachWebEntry(context, ({ proxies, nginx, source }) => {
            if (proxies.length === 0) {
                context.report("has no nginx server proxying the PBX API, so nothing limits request rates at the web server", source);
                return;
            }
            const zones = new Set(findAll(nginx, "limit_req_zone").map((directive) => /zone=([^:]+):/.exec(directive.args.join(" "))?.[1]).filter((zone): zone is string => zone !== undefined));
            for (const { locations } of proxies) {
                for (const { location, chain } of locations) {
                    const limits = effective(chain, "limit_req");
                    const zone = limits.map((directive) => /zone=([^\s]+)/.exec(directive.args.join(" "))?.[1]).find((name) => name !== undefined);
                    if (!zone) {
                        context.report(`nginx location ${location.args.join(" ")} proxying the PBX has no limit_req`, source);
                    } else if (!zones.has(zone)) {
                        context.report(`nginx location ${location.args.join(" ")} uses limit_req zone ${zone}, which no limit_req_zone defines`, source);
                    }
                }
            }
        });
    },
});

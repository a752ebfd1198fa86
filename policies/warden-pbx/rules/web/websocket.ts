import { childDirectives } from "../../../lib/nginx";
import { passesWebSocket } from "../../../lib/web";
import { automatedRule } from "../../../lib/rule";
import { eachWebEntry } from "../../web";

export default automatedRule({
    name: "websocket",
    items: ["WP-2.3.1.6"],
    description:
        "WebSocket upgrades reach the PBX for WebRTC: every nginx location proxying the API uses proxy_http_version 1.1 and passes the Upgrade ($http_upgrade) and Connection headers. A load balancer forwarding straight to the app handles upgrades itself; with neither, the item fails.",
    severity: "medium",
    remediationSteps: "Add `proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection $connection_upgrade;` to the proxying location (the kit does).",
    validate: (context) => {
        eachWebEntry(context, ({ proxies, balancers, source }) => {
            if (proxies.length === 0 && balancers.length === 0) {
                context.report("has no proxy in front of the PBX that could carry WebSocket upgrades", source);
            }
            for (const { server, locations } of proxies) {
                for (const { location, chain } of locations) {
                    if (!passesWebSocket(chain)) {
                        context.report(`nginx location ${location.args.join(" ")} of ${childDirectives(server, "server_name")[0]?.args.join(" ") ?? "the PBX server"} does not pass WebSocket upgrades (proxy_http_version 1.1, Upgrade and Connection headers)`, source);
                    }
                }
            }
        });
    },
});

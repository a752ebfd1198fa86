import { asNumber } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { passesWebSocket } from "../../../lib/web";
import { eachAppWeb } from "../../voiceassist";

export default automatedRule<{ minIdleSeconds: number }>({
    name: "websocket",
    items: ["VA-10.2.4"],
    description:
        "The path to the application carries WebSocket connections: every nginx location proxying it on a VoiceAssist server passes upgrades (proxy_http_version 1.1, Upgrade $http_upgrade, Connection upgrade), and load balancers in front of it keep idle connections at least minIdleSeconds (idleTimeout; ALBs forward WebSocket upgrades natively).",
    severity: "high",
    remediationSteps: "The kit's nginx location sets proxy_http_version 1.1 and the Upgrade/Connection headers, and the ALB's idleTimeout is 120 s. In your own program, do the same.",
    config: { minIdleSeconds: { type: "integer", minimum: 1, default: 60, description: "Shortest load balancer idle timeout, in seconds." } },
    validate: (context) => {
        eachAppWeb(context, ({ proxies, balancers, source }) => {
            if (proxies.length === 0 && balancers.length === 0) {
                context.report("has no proxy in front of the application that could carry WebSocket upgrades", source);
            }
            for (const { location, chain } of proxies.flatMap((proxy) => proxy.locations)) {
                if (!passesWebSocket(chain)) {
                    context.report(`nginx location ${location.args.join(" ")} does not pass WebSocket upgrades (proxy_http_version 1.1, Upgrade and Connection headers)`, source);
                }
            }
            for (const balancer of balancers) {
                const idle = asNumber(balancer.props.idleTimeout) ?? 60;
                if (idle < context.config.minIdleSeconds) {
                    context.report(`closes idle connections after ${idle} s; WebSockets need at least ${context.config.minIdleSeconds} s`, balancer);
                }
            }
        });
    },
});

// Where the PBX's environment terminates TLS: HTTPS/TLS listeners of the program's load balancers
// (stack-wide) and nginx servers listening with ssl on PBX hosts (policies/lib/tls-endpoints.ts).
import { CloudConfig } from "../lib/cloud-init";
import { Host } from "../lib/hosts";
import { NginxTls, nginxTlsServers, tlsListeners } from "../lib/tls-endpoints";
import { RuleContext } from "../lib/rule";
import { PolicyResource } from "@pulumi/policy";
import { eachPbxHost } from "./pbx";

export { tlsListeners };
export type { NginxTls };

/** nginx servers on PBX hosts that listen with ssl. */
export function eachNginxTls(context: Pick<RuleContext<unknown>, "resources" | "report">, check: (entry: NginxTls) => void, reportMissingHost = false): void {
    const run = (host: Host, config: CloudConfig, source: PolicyResource) => nginxTlsServers(host, config, source).forEach(check);
    if (reportMissingHost) {
        eachPbxHost(context, run);
    } else {
        eachPbxHost({ resources: context.resources, report: () => undefined }, run);
    }
}

// Where the PBX's environment terminates TLS: HTTPS/TLS listeners of the program's load balancers
// (stack-wide) and nginx servers listening with ssl on PBX hosts.
import { PolicyResource } from "@pulumi/policy";
import { CloudConfig } from "../lib/cloud-init";
import { Host } from "../lib/hosts";
import { LISTENER_TYPES } from "../lib/edge";
import { Directive, effective, httpContext, listens, nginxConfig, servers } from "../lib/nginx";
import { ofType } from "../lib/resources";
import { RuleContext } from "../lib/rule";
import { eachPbxHost } from "./pbx";

export function tlsListeners(resources: PolicyResource[]): PolicyResource[] {
    return ofType(resources, ...LISTENER_TYPES).filter((listener) => ["HTTPS", "TLS"].includes(String(listener.props.protocol ?? "").toUpperCase()));
}

export interface NginxTls {
    server: Directive;
    chain: Directive[];
    name: string;
    config: CloudConfig;
    source: PolicyResource;
    host: Host;
}

/** nginx servers on PBX hosts that listen with ssl. */
export function eachNginxTls(context: Pick<RuleContext<unknown>, "resources" | "report">, check: (entry: NginxTls) => void, reportMissingHost = false): void {
    const run = (host: Host, config: CloudConfig, source: PolicyResource) => {
        const nginx = nginxConfig(config);
        const http = httpContext(nginx);
        for (const server of servers(nginx).filter((candidate) => listens(candidate).some((listen) => listen.ssl))) {
            check({ server, chain: [http, server], name: effective([server], "server_name")[0]?.args.join(" ") ?? "(unnamed)", config, source, host });
        }
    };
    if (reportMissingHost) {
        eachPbxHost(context, run);
    } else {
        eachPbxHost({ resources: context.resources, report: () => undefined }, run);
    }
}

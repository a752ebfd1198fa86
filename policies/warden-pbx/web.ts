// The PBX's web entry: the internet-facing load balancers that forward to the PBX host, and the
// nginx servers on the host that proxy to the PBX API. (Network load balancers are no web entry,
// as they may carry SIP; https-redirect judges those reaching plain web ports.) Web items are
// checked on whichever of the two is present: load balancer settings where one fronts the host,
// nginx settings where nginx proxies the app (and is then the edge when no load balancer fronts it).
import { PolicyResource } from "@pulumi/policy";
import { CloudConfig } from "../lib/cloud-init";
import { balancersFronting } from "../lib/edge";
import { Host } from "../lib/hosts";
import { Directive, LOOPBACK_HOSTS, childDirectives, httpContext, listens, locations, nginxConfig, proxyPort, servers } from "../lib/nginx";
import { asNumber } from "../lib/resources";
import { RuleContext } from "../lib/rule";
import { eachPbxHost, pbxConfig, setting } from "./pbx";

export interface AppProxy {
    server: Directive;
    /** The locations proxying to the app, with their inheritance chain [http, server, ..., location]. */
    locations: { location: Directive; chain: Directive[] }[];
}

export interface WebEntry {
    host: Host;
    config: CloudConfig;
    source: PolicyResource;
    balancers: PolicyResource[];
    nginx: Directive[];
    http: Directive;
    proxies: AppProxy[];
    apiPort: number;
}

/** The port config.yml gives the API (api.port), 8080 by default. */
export function apiPortOf(config: CloudConfig): number {
    const file = pbxConfig(config);
    return (typeof file === "string" ? undefined : asNumber(setting(file.data, "api.port"))) ?? 8080;
}

export function appProxies(nginx: Directive[], apiPort: number): AppProxy[] {
    const http = httpContext(nginx);
    return servers(nginx)
        .map((server) => ({
            server,
            locations: locations(http, server).filter(({ location }) =>
                childDirectives(location, "proxy_pass").some((directive) => {
                    const target = proxyPort(nginx, directive.args[0] ?? "");
                    return target !== undefined && target.port === apiPort && LOOPBACK_HOSTS.includes(target.host);
                }),
            ),
        }))
        .filter((proxy) => proxy.locations.length > 0);
}

/** Host ports where plain HTTP reaches the PBX: the API itself and nginx servers proxying it without ssl. */
export function plainAppPorts(entry: Pick<WebEntry, "proxies" | "apiPort">): Set<number> {
    const nginxPorts = entry.proxies.flatMap(({ server }) => listens(server).filter((listen) => !listen.ssl).map((listen) => listen.port));
    return new Set([entry.apiPort, ...nginxPorts]);
}

export function eachWebEntry(context: Pick<RuleContext<unknown>, "resources" | "report">, check: (entry: WebEntry) => void): void {
    eachPbxHost(context, (host, config, source) => {
        const nginx = nginxConfig(config);
        const apiPort = apiPortOf(config);
        check({ host, config, source, balancers: balancersFronting(context.resources, host), nginx, http: httpContext(nginx), proxies: appProxies(nginx, apiPort), apiPort });
    });
}

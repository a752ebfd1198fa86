// What a web entry sends and how it treats plain HTTP, judged on whichever of the two a program
// puts in front of an application: load balancer listeners (redirects, response header
// attributes) and nginx servers/locations proxying it (return 301, add_header, WebSocket headers).
import { PolicyResource } from "@pulumi/policy";
import { listenerPort, listenerProtocol, listenersOf, redirectsToHttps } from "./edge";
import { Directive, childDirectives, effective, listens, servers } from "./nginx";

/** Load balancer listener attributes that add response headers. */
export const LISTENER_HEADERS: Record<string, string> = {
    "strict-transport-security": "routingHttpResponseStrictTransportSecurityHeaderValue",
    "content-security-policy": "routingHttpResponseContentSecurityPolicyHeaderValue",
    "x-content-type-options": "routingHttpResponseXContentTypeOptionsHeaderValue",
    "x-frame-options": "routingHttpResponseXFrameOptionsHeaderValue",
};

/**
 * Response headers (lower-case name -> value) a client receives through an nginx location
 * (add_header in effect there: nginx does not merge add_header across levels) behind the HTTPS
 * listeners of the load balancers.
 */
export function responseHeaders(resources: PolicyResource[], balancers: PolicyResource[], chain: Directive[]): Map<string, string> {
    const headers = new Map<string, string>();
    for (const listener of balancers.flatMap((balancer) => listenersOf(resources, balancer)).filter((entry) => listenerProtocol(entry) === "HTTPS")) {
        for (const [header, attribute] of Object.entries(LISTENER_HEADERS)) {
            const value = listener.props[attribute];
            if (typeof value === "string" && value !== "") {
                headers.set(header, value);
            }
        }
    }
    for (const directive of effective(chain, "add_header")) {
        headers.set((directive.args[0] ?? "").toLowerCase(), directive.args[1] ?? "");
    }
    return headers;
}

/** HSTS max-age in seconds, when the header is sent. */
export function hstsMaxAge(headers: Map<string, string>): number | undefined {
    const hsts = headers.get("strict-transport-security");
    return hsts === undefined ? undefined : Number(/max-age=(\d+)/.exec(hsts)?.[1] ?? 0);
}

export interface WebFinding {
    message: string;
    /** The resource at fault; undefined = the host document (nginx). */
    resource?: PolicyResource;
}

/**
 * HTTPS with plain HTTP redirected: every load balancer has an HTTPS listener and its HTTP
 * listeners (default actions and listener rules) redirect with a 301; where nginx is the edge (no load balancer), it serves the
 * application with ssl and its plain servers return 301 to https.
 */
export function httpsRedirectFindings(resources: PolicyResource[], balancers: PolicyResource[], nginx: Directive[], proxiedServers: Directive[], what: string): WebFinding[] {
    const findings: WebFinding[] = [];
    for (const balancer of balancers) {
        const listeners = listenersOf(resources, balancer);
        if (!listeners.some((listener) => listenerProtocol(listener) === "HTTPS")) {
            findings.push({ message: "has no HTTPS listener", resource: balancer });
        }
        for (const listener of listeners.filter((entry) => listenerProtocol(entry) === "HTTP")) {
            if (!redirectsToHttps(resources, listener)) {
                findings.push({ message: `listens on port ${listenerPort(listener)} over plain HTTP without a 301 redirect to HTTPS`, resource: listener });
            }
        }
    }
    if (balancers.length === 0) {
        if (!proxiedServers.some((server) => listens(server).some((listen) => listen.ssl))) {
            findings.push({ message: `serves ${what} over plain HTTP: no nginx server proxying it listens with ssl` });
        }
        for (const server of servers(nginx).filter((candidate) => listens(candidate).some((listen) => !listen.ssl))) {
            const redirects = childDirectives(server, "return").some((directive) => ["301", "308"].includes(directive.args[0]) && (directive.args[1] ?? "").startsWith("https://"));
            if (!redirects) {
                findings.push({ message: `nginx server ${childDirectives(server, "server_name")[0]?.args.join(" ") ?? ""} listens without ssl and does not redirect to https (return 301 https://...)` });
            }
        }
    }
    return findings;
}

/** The nginx location passes WebSocket upgrades (HTTP/1.1 with Upgrade and Connection headers). */
export function passesWebSocket(chain: Directive[]): boolean {
    const version = effective(chain, "proxy_http_version")[0]?.args[0];
    const headers = effective(chain, "proxy_set_header").map((directive) => [directive.args[0]?.toLowerCase(), directive.args[1] ?? ""]);
    const upgrade = headers.some(([name, value]) => name === "upgrade" && value === "$http_upgrade");
    const connection = headers.some(([name, value]) => name === "connection" && /upgrade/i.test(value));
    return version === "1.1" && upgrade && connection;
}

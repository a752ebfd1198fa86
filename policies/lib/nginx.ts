// nginx configuration a host's cloud-init writes, parsed into directives and blocks, so that rules
// can ask what a `server` listens on, where it proxies, which headers and TLS settings it sets.
import { CloudConfig, filesOf } from "./cloud-init";

export interface Directive {
    name: string;
    args: string[];
    /** Set for block directives (`server { ... }`, `location / { ... }`). */
    children?: Directive[];
    file: string;
}

function tokenize(text: string): string[] {
    const tokens: string[] = [];
    let index = 0;
    while (index < text.length) {
        const char = text[index];
        if (/\s/.test(char)) {
            index += 1;
        } else if (char === "#") {
            while (index < text.length && text[index] !== "\n") {
                index += 1;
            }
        } else if (char === "{" || char === "}" || char === ";") {
            tokens.push(char);
            index += 1;
        } else if (char === '"' || char === "'") {
            let value = "";
            index += 1;
            while (index < text.length && text[index] !== char) {
                if (text[index] === "\\" && index + 1 < text.length) {
                    index += 1;
                }
                value += text[index];
                index += 1;
            }
            index += 1;
            tokens.push(`\u0000${value}`);
        } else {
            let value = "";
            while (index < text.length && !/[\s{};]/.test(text[index])) {
                value += text[index];
                index += 1;
            }
            tokens.push(value);
        }
    }
    return tokens;
}

/** Parses one file; an unbalanced file yields what could be read before the fault. */
export function parseNginx(text: string, file = "nginx.conf"): Directive[] {
    const tokens = tokenize(text);
    let position = 0;
    const unquote = (token: string) => (token.startsWith("\u0000") ? token.slice(1) : token);
    const block = (): Directive[] => {
        const directives: Directive[] = [];
        let words: string[] = [];
        while (position < tokens.length) {
            const token = tokens[position++];
            if (token === ";") {
                if (words.length > 0) {
                    directives.push({ name: words[0], args: words.slice(1), file });
                }
                words = [];
            } else if (token === "{") {
                const children = block();
                directives.push({ name: words[0] ?? "", args: words.slice(1), children, file });
                words = [];
            } else if (token === "}") {
                return directives;
            } else {
                words.push(unquote(token));
            }
        }
        return directives;
    };
    return block();
}

export const NGINX_CONFIG_PATHS = [/^\/etc\/nginx\/nginx\.conf$/, /^\/etc\/nginx\/conf\.d\/[^/]+\.conf$/, /^\/etc\/nginx\/sites-(available|enabled)\/[^/]+$/];

/** Every nginx file the document writes, parsed, in path order. */
export function nginxConfig(config: CloudConfig): Directive[] {
    return [...filesOf(config).entries()]
        .filter(([path]) => NGINX_CONFIG_PATHS.some((pattern) => pattern.test(path)))
        .sort(([a], [b]) => a.localeCompare(b))
        .flatMap(([path, file]) => parseNginx(file.content, path));
}

/** Directives with a name anywhere below, depth first. */
export function findAll(directives: Directive[], name: string): Directive[] {
    return directives.flatMap((directive) => [...(directive.name === name ? [directive] : []), ...findAll(directive.children ?? [], name)]);
}

/** Direct children with a name. */
export function childDirectives(directive: Directive, name: string): Directive[] {
    return (directive.children ?? []).filter((child) => child.name === name);
}

export function servers(config: Directive[]): Directive[] {
    return findAll(config, "server").filter((server) => server.children !== undefined);
}

export interface Listen {
    port: number;
    ssl: boolean;
    http2: boolean;
}

export function listens(server: Directive): Listen[] {
    return childDirectives(server, "listen").map((listen) => {
        const address = listen.args[0] ?? "80";
        const port = Number(/(\d+)$/.exec(address)?.[1] ?? 80);
        return { port, ssl: listen.args.includes("ssl"), http2: listen.args.includes("http2") || listen.args.includes("quic") };
    });
}

export function serverNames(server: Directive): string[] {
    return childDirectives(server, "server_name").flatMap((directive) => directive.args);
}

/**
 * The value of a directive in effect inside `block`, inherited from enclosing blocks as nginx does
 * for directives like ssl_protocols, add_header, access_log (the innermost level that sets it wins).
 */
export function effective(chain: Directive[], name: string): Directive[] {
    for (let index = chain.length - 1; index >= 0; index -= 1) {
        const own = childDirectives(chain[index], name);
        if (own.length > 0) {
            return own;
        }
    }
    return [];
}

/** The http block wrapping all servers, as a pseudo-directive holding top-level http directives. */
export function httpContext(config: Directive[]): Directive {
    const http = findAll(config, "http");
    // conf.d files are included inside http {}: their top-level directives are http-level.
    const topLevel = config.filter((directive) => directive.name !== "http" && directive.name !== "events" && directive.name !== "server");
    return { name: "http", args: [], children: [...http.flatMap((block) => block.children ?? []), ...topLevel], file: "" };
}

/** Locations of a server, with the chain [http, server, location] for inheritance. */
export function locations(http: Directive, server: Directive): { location: Directive; chain: Directive[] }[] {
    const walk = (block: Directive, chain: Directive[]): { location: Directive; chain: Directive[] }[] =>
        childDirectives(block, "location").flatMap((location) => [{ location, chain: [...chain, location] }, ...walk(location, [...chain, location])]);
    return walk(server, [http, server]);
}

/** The upstream port a proxy_pass URL reaches (http://127.0.0.1:8080/ -> 8080), resolving upstream blocks. */
export function proxyPort(config: Directive[], url: string): { host: string; port: number } | undefined {
    const match = /^(https?|grpc):\/\/([^/:]+)(?::(\d+))?/.exec(url);
    if (!match) {
        return undefined;
    }
    const [, scheme, host, port] = match;
    if (port) {
        return { host, port: Number(port) };
    }
    const upstream = findAll(config, "upstream").find((block) => block.args[0] === host);
    const server = upstream ? childDirectives(upstream, "server")[0]?.args[0] : undefined;
    const upstreamPort = server ? /:(\d+)$/.exec(server)?.[1] : undefined;
    if (upstreamPort) {
        return { host: server!.replace(/:\d+$/, ""), port: Number(upstreamPort) };
    }
    return { host, port: scheme === "https" ? 443 : 80 };
}

export const LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1"];

export interface ProxyPass {
    /** The proxy_pass directive. */
    directive: Directive;
    /** Its URL, as written. */
    url: string;
    /** The server it is in and the blocks enclosing it, outermost first (http, server, location, ...), for inheritance. */
    server: Directive;
    chain: Directive[];
}

/** Every proxy_pass of the servers (in locations, nested locations, `if` and `limit_except` blocks), with its inheritance chain. */
export function proxyPasses(config: Directive[]): ProxyPass[] {
    const http = httpContext(config);
    const walk = (server: Directive, block: Directive, chain: Directive[]): ProxyPass[] =>
        (block.children ?? []).flatMap((child) => {
            if (child.name === "proxy_pass") {
                return [{ directive: child, url: child.args[0] ?? "", server, chain }];
            }
            return child.children !== undefined ? walk(server, child, [...chain, child]) : [];
        });
    return servers(config).flatMap((server) => walk(server, server, [http, server]));
}

/** A host name or address on the host itself (127.0.0.0/8, ::1, localhost). */
function isLoopbackHost(host: string): boolean {
    const name = host.toLowerCase();
    return LOOPBACK_HOSTS.includes(name) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

/** An upstream address (`127.0.0.1:8000`, `[::1]:8443`, `unix:/run/app.sock`) on the host itself. */
function isLoopbackAddress(address: string): boolean {
    if (address.toLowerCase().startsWith("unix:")) {
        return true;
    }
    const host = address.startsWith("[") ? address.replace(/^(\[[^\]]*\]).*$/, "$1") : address.replace(/:\d+$/, "");
    return isLoopbackHost(host);
}

/**
 * The scheme of a proxy_pass URL (lower case: nginx reads it in any case) and whether it reaches
 * the host itself: a loopback address, a unix socket, or an upstream block whose every server is
 * one. A name with variables, or anything else, is remote: nothing shows where it goes.
 */
export function proxyUpstream(config: Directive[], url: string): { scheme?: string; loopback: boolean } {
    const match = /^([a-z]+):\/\/(.*)$/i.exec(url);
    if (!match) {
        return { loopback: false };
    }
    const scheme = match[1].toLowerCase();
    const rest = match[2];
    if (rest.toLowerCase().startsWith("unix:")) {
        return { scheme, loopback: true };
    }
    const address = rest.startsWith("[") ? rest.replace(/^(\[[^\]]*\](?::\d+)?).*$/, "$1") : rest.replace(/[/?].*$/, "");
    const name = address.startsWith("[") ? address : address.replace(/:\d+$/, "");
    // nginx matches upstream names case-insensitively.
    const upstream = findAll(config, "upstream").find((block) => (block.args[0] ?? "").toLowerCase() === name.toLowerCase());
    if (upstream) {
        const members = childDirectives(upstream, "server").map((server) => server.args[0] ?? "");
        return { scheme, loopback: members.length > 0 && members.every(isLoopbackAddress) };
    }
    return { scheme, loopback: isLoopbackAddress(address) };
}

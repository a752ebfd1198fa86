// The host firewall as cloud-init configures it with `ufw` commands in runcmd/bootcmd:
// `ufw default deny incoming`, `ufw allow 5060/udp`, `ufw allow from 203.0.113.0/24 to any port 22 proto tcp`,
// `ufw limit 22/tcp`, `ufw allow ssh`, `ufw allow "Nginx Full"`, `ufw --force enable`. A command the
// parser cannot read is kept in `unreadable`: rules must report it, never skip it.
import { CloudConfig } from "./cloud-init";
import { PortRange, Protocol } from "./network";
import { simpleCommands } from "./systemd";

export interface UfwRule extends PortRange {
    action: "allow" | "limit" | "deny" | "reject";
    /** "any" or a CIDR / address. */
    source: string;
    command: string;
}

export interface Ufw {
    defaultIncoming?: "allow" | "deny" | "reject";
    enabled: boolean;
    rules: UfwRule[];
    /** Commands that mention ufw but could not be read, so that rules can report them. */
    unreadable: string[];
}

const tcp = (port: number): PortRange => ({ protocol: "tcp", fromPort: port, toPort: port });
const udp = (port: number): PortRange => ({ protocol: "udp", fromPort: port, toPort: port });

/** Ports of the application profiles shipped by Ubuntu packages (`ufw allow OpenSSH`, `ufw allow "Nginx Full"`). */
const PROFILES: Record<string, PortRange[]> = {
    openssh: [tcp(22)],
    "nginx http": [tcp(80)],
    "nginx https": [tcp(443)],
    "nginx full": [tcp(80), tcp(443)],
    "nginx quic": [tcp(443), udp(443)],
    apache: [tcp(80)],
    "apache secure": [tcp(443)],
    "apache full": [tcp(80), tcp(443)],
    postfix: [tcp(25)],
    "postfix submission": [tcp(587)],
    "postfix smtps": [tcp(465)],
};

/** Service names ufw resolves through /etc/services (Ubuntu's netbase): `ufw allow ssh` opens 22/tcp. */
const SERVICES: Record<string, PortRange[]> = {
    ftp: [tcp(21)],
    ssh: [tcp(22)],
    telnet: [tcp(23)],
    smtp: [tcp(25)],
    domain: [tcp(53), udp(53)],
    http: [tcp(80)],
    www: [tcp(80)],
    pop3: [tcp(110)],
    ntp: [udp(123)],
    imap: [tcp(143)],
    imap2: [tcp(143)],
    snmp: [tcp(161), udp(161)],
    ldap: [tcp(389), udp(389)],
    https: [tcp(443), udp(443)],
    submissions: [tcp(465)],
    submission: [tcp(587)],
    ldaps: [tcp(636), udp(636)],
    rsync: [tcp(873)],
    imaps: [tcp(993)],
    pop3s: [tcp(995)],
    openvpn: [tcp(1194), udp(1194)],
    mysql: [tcp(3306)],
    sip: [tcp(5060), udp(5060)],
    "sip-tls": [tcp(5061), udp(5061)],
    postgresql: [tcp(5432)],
    postgres: [tcp(5432)],
};

function portSpec(spec: string, protocol: Protocol): PortRange[] | undefined {
    // "5060", "10000:20000", "80,443", or a service name ("ssh").
    const ranges: PortRange[] = [];
    for (const part of spec.split(",")) {
        const match = /^(\d+)(?::(\d+))?$/.exec(part);
        const service = SERVICES[part.toLowerCase()];
        if (match) {
            ranges.push({ protocol, fromPort: Number(match[1]), toPort: Number(match[2] ?? match[1]) });
        } else if (service) {
            // "ssh/udp" or "proto udp ... port ssh" keeps only the service's ports of that protocol.
            const wanted = service.filter((range) => protocol === "all" || range.protocol === protocol);
            if (wanted.length === 0) {
                return undefined;
            }
            ranges.push(...wanted);
        } else {
            return undefined;
        }
    }
    return ranges;
}

/** Words ufw accepts after the action that do not change what is let in. */
const LOGGING = ["log", "log-all"];

function parseRule(command: string, words: string[]): UfwRule[] | undefined {
    const action = words[0] as UfwRule["action"];
    let rest = words.slice(1).filter((word) => !LOGGING.includes(word));
    // A trailing `comment '...'` only labels the rule.
    const comment = rest.indexOf("comment");
    if (comment >= 0) {
        rest = rest.slice(0, comment);
    }
    if (rest[0] === "in") {
        rest = rest.slice(1);
        if (rest[0] === "on") {
            rest = rest.slice(2);
        }
    }
    if (rest[0] === "out") {
        return [];
    }
    const profile = PROFILES[rest.join(" ").toLowerCase()];
    if (profile) {
        return profile.map((range) => ({ ...range, action, source: "any", command }));
    }
    // Simple syntax: "5060/udp", "10000:20000/udp", "22", "ssh".
    if (rest.length === 1) {
        const [spec, proto] = rest[0].split("/");
        const ranges = portSpec(spec, (proto as Protocol) ?? "all");
        return ranges?.map((range) => ({ ...range, action, source: "any", command }));
    }
    // Full syntax: [proto P] [from SRC [port N]] [to DST] [port N | app NAME] [proto P]
    let source = "any";
    let port: string | undefined;
    let app: PortRange[] | undefined;
    let protocol: Protocol = "all";
    for (let index = 0; index < rest.length; index += 1) {
        const word = rest[index];
        const next = rest[index + 1];
        if (word === "proto" && next) {
            protocol = next as Protocol;
            index += 1;
        } else if (word === "from" && next) {
            source = next;
            index += 1;
        } else if (word === "to" && next) {
            index += 1;
        } else if (word === "port" && next) {
            port = next;
            index += 1;
        } else if (word === "app" && next) {
            // The profile's name runs to the next keyword ("app Nginx Full").
            let end = index + 1;
            while (end < rest.length && !["from", "to", "port", "proto"].includes(rest[end])) {
                end += 1;
            }
            app = PROFILES[rest.slice(index + 1, end).join(" ").toLowerCase()];
            if (!app) {
                return undefined;
            }
            index = end - 1;
        } else {
            return undefined;
        }
    }
    if (app) {
        return app.map((range) => ({ ...range, action, source, command }));
    }
    if (!port) {
        return [{ protocol, fromPort: 0, toPort: 65535, action, source, command }];
    }
    return portSpec(port, protocol)?.map((range) => ({ ...range, action, source, command }));
}

function sameRule(a: UfwRule, b: UfwRule): boolean {
    return a.action === b.action && a.protocol === b.protocol && a.fromPort === b.fromPort && a.toPort === b.toPort && a.source === b.source;
}

const RULE_ACTIONS = ["allow", "limit", "deny", "reject"];
/** Subcommands that change nothing the host lets in. */
const HARMLESS = ["logging", "reload", "status", "show", "version", "app"];

export function ufwOf(config: CloudConfig): Ufw {
    const result: Ufw = { enabled: false, rules: [], unreadable: [] };
    for (const command of simpleCommands(config)) {
        const words = command
            .split(/\s+/)
            .map((word) => word.replace(/^['"]|['"]$/g, ""))
            .filter((word) => word.length > 0);
        if (words[0] !== "ufw") {
            continue;
        }
        let args = words.slice(1).filter((word) => word !== "--force" && word !== "--dry-run");
        // `insert 1 allow ...` and `prepend allow ...` only place the rule earlier.
        if (args[0] === "insert" && /^\d+$/.test(args[1] ?? "")) {
            args = args.slice(2);
        } else if (args[0] === "prepend") {
            args = args.slice(1);
        }
        if (args[0] === "enable") {
            result.enabled = true;
        } else if (args[0] === "disable") {
            result.enabled = false;
        } else if (args[0] === "reset") {
            // Back to the installation's state: disabled, no rules, incoming denied.
            Object.assign(result, { enabled: false, rules: [], defaultIncoming: "deny" });
        } else if (args[0] === "default") {
            if (args[2] === undefined || args[2] === "incoming") {
                result.defaultIncoming = args[1] as Ufw["defaultIncoming"];
            }
        } else if (args[0] === "route") {
            continue; // forwarded traffic, not traffic to the host
        } else if (args[0] === "delete" && RULE_ACTIONS.includes(args[1])) {
            const deleted = parseRule(command, args.slice(1));
            if (deleted) {
                result.rules = result.rules.filter((rule) => !deleted.some((entry) => sameRule(rule, entry)));
            } else {
                result.unreadable.push(command);
            }
        } else if (RULE_ACTIONS.includes(args[0])) {
            const rules = parseRule(command, args);
            if (rules) {
                result.rules.push(...rules);
            } else {
                result.unreadable.push(command);
            }
        } else if (!HARMLESS.includes(args[0])) {
            result.unreadable.push(command);
        }
    }
    return result;
}

function covers(rule: UfwRule, wanted: PortRange): boolean {
    const protocolOk = rule.protocol === "all" || rule.protocol === wanted.protocol;
    return protocolOk && rule.fromPort <= wanted.fromPort && rule.toPort >= wanted.toPort;
}

/** Allow/limit rules that let `wanted` in (the whole range), from any source. */
export function ufwAdmits(ufw: Ufw, wanted: PortRange): UfwRule[] {
    return ufw.rules.filter((rule) => (rule.action === "allow" || rule.action === "limit") && covers(rule, wanted));
}

// The host firewall as cloud-init configures it with `ufw` commands in runcmd/bootcmd:
// `ufw default deny incoming`, `ufw allow 5060/udp`, `ufw allow from 203.0.113.0/24 to any port 22 proto tcp`,
// `ufw limit 22/tcp`, `ufw --force enable`.
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

/** Ports of the application profiles shipped by Ubuntu packages. */
const PROFILES: Record<string, PortRange[]> = {
    openssh: [{ protocol: "tcp", fromPort: 22, toPort: 22 }],
    "nginx http": [{ protocol: "tcp", fromPort: 80, toPort: 80 }],
    "nginx https": [{ protocol: "tcp", fromPort: 443, toPort: 443 }],
    "nginx full": [
        { protocol: "tcp", fromPort: 80, toPort: 80 },
        { protocol: "tcp", fromPort: 443, toPort: 443 },
    ],
    "apache full": [
        { protocol: "tcp", fromPort: 80, toPort: 80 },
        { protocol: "tcp", fromPort: 443, toPort: 443 },
    ],
};

function portSpec(spec: string, protocol: Protocol): PortRange[] | undefined {
    // "5060", "10000:20000", "80,443"
    const ranges: PortRange[] = [];
    for (const part of spec.split(",")) {
        const match = /^(\d+)(?::(\d+))?$/.exec(part);
        if (!match) {
            return undefined;
        }
        ranges.push({ protocol, fromPort: Number(match[1]), toPort: Number(match[2] ?? match[1]) });
    }
    return ranges;
}

function parseRule(command: string, words: string[]): UfwRule[] | undefined {
    const action = words[0] as UfwRule["action"];
    let rest = words.slice(1);
    if (rest[0] === "in") {
        rest = rest.slice(1);
        if (rest[0] === "on") {
            rest = rest.slice(2);
        }
    }
    if (rest[0] === "out") {
        return [];
    }
    const joined = rest.join(" ");
    const profile = PROFILES[joined.replace(/^['"]|['"]$/g, "").toLowerCase()];
    if (profile) {
        return profile.map((range) => ({ ...range, action, source: "any", command }));
    }
    // Simple syntax: "5060/udp", "10000:20000/udp", "22".
    if (rest.length === 1) {
        const [spec, proto] = rest[0].split("/");
        const ranges = portSpec(spec, (proto as Protocol) ?? "all");
        return ranges?.map((range) => ({ ...range, action, source: "any", command }));
    }
    // Full syntax: [proto P] [from SRC [port N]] [to DST] [port N] [proto P]
    let source = "any";
    let port: string | undefined;
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
        } else if (word === "comment") {
            break;
        } else {
            return undefined;
        }
    }
    if (!port) {
        return [{ protocol, fromPort: 0, toPort: 65535, action, source, command }];
    }
    return portSpec(port, protocol)?.map((range) => ({ ...range, action, source, command }));
}

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
        const args = words.slice(1).filter((word) => word !== "--force");
        if (args[0] === "enable") {
            result.enabled = true;
        } else if (args[0] === "disable") {
            result.enabled = false;
        } else if (args[0] === "default") {
            if (args[2] === undefined || args[2] === "incoming") {
                result.defaultIncoming = args[1] as Ufw["defaultIncoming"];
            }
        } else if (["allow", "limit", "deny", "reject"].includes(args[0])) {
            const rules = parseRule(command, args);
            if (rules) {
                result.rules.push(...rules);
            } else {
                result.unreadable.push(command);
            }
        } else if (args[0] !== "logging" && args[0] !== "reload" && args[0] !== "status") {
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

// Logs: CloudWatch log groups (retention, encryption) and the logrotate policies a host writes
// (/etc/logrotate.d/<name>).
import { PolicyResource } from "@pulumi/policy";
import { CloudConfig, filesOf } from "./cloud-init";
import { asNumber, ofType } from "./resources";

export const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
export const LOGROTATE_DIR = "/etc/logrotate.d";

export function logGroups(resources: PolicyResource[]): PolicyResource[] {
    return ofType(resources, LOG_GROUP);
}

/** Days a log group keeps events; undefined = never expires. */
export function retentionDays(group: PolicyResource): number | undefined {
    const days = asNumber(group.props.retentionInDays);
    return days === 0 ? undefined : days;
}

/** The log group with this name, when the program names it explicitly. */
export function logGroupNamed(resources: PolicyResource[], name: string): PolicyResource | undefined {
    return logGroups(resources).find((group) => group.props.name === name);
}

/** Logs an RDS instance or cluster publishes to CloudWatch (enabledCloudwatchLogsExports). */
export function exportedLogs(database: PolicyResource): string[] {
    const exports = database.props.enabledCloudwatchLogsExports;
    return Array.isArray(exports) ? exports.map(String) : [];
}

/**
 * The log group RDS publishes an exported log to: /aws/rds/instance/<identifier>/<log>, or
 * /aws/rds/cluster/<clusterIdentifier>/<log> for an Aurora cluster (RDS stores identifiers in
 * lower case).
 */
export function rdsLogGroupName(database: PolicyResource, log: string): string {
    const cluster = database.type === "aws:rds/cluster:Cluster";
    const identifier = String((cluster ? database.props.clusterIdentifier : database.props.identifier) ?? database.name).toLowerCase();
    return `/aws/rds/${cluster ? "cluster" : "instance"}/${identifier}/${log}`;
}

export interface LogrotateStanza {
    file: string;
    /** Paths or globs the stanza rotates. */
    paths: string[];
    directives: Map<string, string[]>;
}

/** logrotate stanzas: `path [path...] { directive ... }`. */
export function parseLogrotate(file: string, text: string): LogrotateStanza[] {
    const stanzas: LogrotateStanza[] = [];
    const cleaned = text
        .split(/\r?\n/)
        .filter((line) => !/^\s*#/.test(line))
        .join("\n")
        // postrotate ... endscript blocks hold shell, not directives.
        .replace(/\b(postrotate|prerotate|firstaction|lastaction|preremove)\b[\s\S]*?\bendscript\b/g, "$1");
    const pattern = /([^{}]+)\{([^{}]*)\}/g;
    for (const match of cleaned.matchAll(pattern)) {
        const paths = match[1].trim().split(/\s+/).filter((path) => path.startsWith("/") || path.startsWith('"'));
        const directives = new Map<string, string[]>();
        for (const line of match[2].split("\n")) {
            const words = line.trim().split(/\s+/).filter((word) => word.length > 0);
            if (words.length > 0) {
                directives.set(words[0], words.slice(1));
            }
        }
        stanzas.push({ file, paths: paths.map((path) => path.replace(/"/g, "")), directives });
    }
    return stanzas;
}

export function logrotateStanzas(config: CloudConfig): LogrotateStanza[] {
    return [...filesOf(config).entries()]
        .filter(([path]) => path.startsWith(`${LOGROTATE_DIR}/`))
        .flatMap(([path, file]) => parseLogrotate(path, file.content));
}

/** A glob matches a path (`*` within one segment), or names the directory holding it. */
export function globCovers(glob: string, path: string): boolean {
    const pattern = new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]")}$`);
    return pattern.test(path);
}

/** Stanzas rotating files in `directory` (e.g. /var/log/pbx). */
export function stanzasFor(stanzas: LogrotateStanza[], directory: string): LogrotateStanza[] {
    const dir = directory.replace(/\/+$/, "");
    return stanzas.filter((stanza) => stanza.paths.some((path) => path.startsWith(`${dir}/`)));
}

const PERIOD_DAYS: Record<string, number> = { hourly: 1 / 24, daily: 1, weekly: 7, monthly: 30, yearly: 365 };

/** Days of logs the stanza keeps (rotate count x period), if both are set. */
export function keptDays(stanza: LogrotateStanza): number | undefined {
    const count = asNumber(stanza.directives.get("rotate")?.[0]);
    const period = Object.keys(PERIOD_DAYS).find((name) => stanza.directives.has(name));
    const maxage = asNumber(stanza.directives.get("maxage")?.[0]);
    if (maxage !== undefined) {
        return maxage;
    }
    return count !== undefined && period ? count * PERIOD_DAYS[period] : undefined;
}

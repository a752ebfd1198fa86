// The CloudWatch agent's configuration a host writes
// (/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json): which metrics it publishes
// (namespace CWAgent unless set: mem_used_percent, disk_used_percent per path, processes_running,
// net_bytes_sent, ...), which log files it ships to which log groups, and whether boot starts it.
import { CloudConfig, filesOf } from "./cloud-init";
import { simpleCommands } from "./systemd";

export const AGENT_CONFIG_PATH = "/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json";
export const AGENT_NAMESPACE = "CWAgent";

export interface AgentMetric {
    namespace: string;
    /** The metric name CloudWatch receives, e.g. mem_used_percent. */
    name: string;
    /** disk: the mount points measured ("*" for all). */
    resources: string[];
}

export interface AgentLogFile {
    filePath: string;
    logGroupName?: string;
    retentionInDays?: number;
}

export interface AgentConfig {
    path: string;
    metrics: AgentMetric[];
    logs: AgentLogFile[];
    /** append_dimensions names, e.g. InstanceId. */
    appendDimensions: string[];
}

type Json = Record<string, unknown>;

function measurementName(section: string, entry: unknown): string | undefined {
    const raw = typeof entry === "string" ? entry : entry && typeof entry === "object" ? ((entry as Json).rename ?? (entry as Json).name) : undefined;
    if (typeof raw !== "string") {
        return undefined;
    }
    // The agent prefixes the section unless the measurement already carries it (or was renamed).
    if (typeof entry === "object" && (entry as Json).rename) {
        return raw;
    }
    return raw.startsWith(`${section}_`) ? raw : `${section}_${raw}`;
}

/** The agent config the document writes, or a reason it cannot be read. */
export function agentConfigOf(config: CloudConfig): AgentConfig | string {
    const file = filesOf(config).get(AGENT_CONFIG_PATH);
    if (!file) {
        return `writes no CloudWatch agent configuration (${AGENT_CONFIG_PATH})`;
    }
    let parsed: Json;
    try {
        parsed = JSON.parse(file.content) as Json;
    } catch (error) {
        return `writes a CloudWatch agent configuration that is not valid JSON (${(error as Error).message})`;
    }
    const metricsSection = (parsed.metrics ?? {}) as Json;
    const namespace = typeof metricsSection.namespace === "string" ? metricsSection.namespace : AGENT_NAMESPACE;
    const collected = (metricsSection.metrics_collected ?? {}) as Record<string, Json>;
    const metrics: AgentMetric[] = [];
    for (const [section, settings] of Object.entries(collected)) {
        const resources = Array.isArray(settings?.resources) ? (settings.resources as unknown[]).filter((entry): entry is string => typeof entry === "string") : ["*"];
        for (const entry of (settings?.measurement ?? []) as unknown[]) {
            const name = measurementName(section, entry);
            if (name) {
                metrics.push({ namespace, name, resources });
            }
        }
    }
    const files = ((((parsed.logs ?? {}) as Json).logs_collected ?? {}) as Json).files as Json | undefined;
    const logs = ((files?.collect_list ?? []) as Json[]).map((entry) => ({
        filePath: String(entry.file_path ?? ""),
        logGroupName: typeof entry.log_group_name === "string" ? entry.log_group_name : undefined,
        retentionInDays: typeof entry.retention_in_days === "number" ? entry.retention_in_days : undefined,
    }));
    const appendDimensions = Object.keys((metricsSection.append_dimensions ?? {}) as Json);
    return { path: AGENT_CONFIG_PATH, metrics, logs, appendDimensions };
}

/** The agent publishes the metric, covering the given mount point for disk metrics. */
export function publishes(agent: AgentConfig, name: string, resource?: string): boolean {
    return agent.metrics.some((metric) => metric.name === name && (resource === undefined || metric.resources.includes("*") || metric.resources.includes(resource)));
}

/** Boot commands start the agent with this configuration file. */
export function agentStarted(config: CloudConfig): boolean {
    return simpleCommands(config).some((command) => /amazon-cloudwatch-agent-ctl\b/.test(command) && /\s-s(\s|$)/.test(command) && command.includes(AGENT_CONFIG_PATH));
}

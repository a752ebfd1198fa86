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
    /** Dimension names the agent publishes the metric with (before append_dimensions). */
    dimensions: string[];
    /** procstat: how the entry picks its processes, published as a dimension of that name with that value. */
    selector?: ProcessSelector;
}

/** A procstat process selector: a pattern (a regular expression over command lines, as pgrep -f), an exe (over process names, as pgrep) or a pid_file. */
export interface ProcessSelector {
    key: "pattern" | "exe" | "pid_file";
    value: string;
}

export const PROCESS_SELECTORS: ProcessSelector["key"][] = ["pattern", "exe", "pid_file"];

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
    /** aggregation_dimensions: dimension sets CloudWatch also receives rolled-up metrics for. */
    aggregationDimensions: string[][];
}

/** Dimensions each plugin adds of its own (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/metrics-collected-by-CloudWatch-agent.html). */
function pluginDimensions(section: string, settings: Json | undefined): string[] {
    switch (section) {
        case "disk":
            return ["path", "fstype", ...(settings?.drop_device === true ? [] : ["device"])];
        case "diskio":
            return ["name"];
        case "net":
        case "ethtool":
            return ["interface"];
        case "cpu":
            return ["cpu"];
        default:
            return [];
    }
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
        // procstat is a list of process selectors, each published with its own selector dimension.
        const entries = section === "procstat" && Array.isArray(settings) ? (settings as Json[]) : [settings];
        for (const entrySettings of entries) {
            const resources = Array.isArray(entrySettings?.resources) ? (entrySettings.resources as unknown[]).filter((entry): entry is string => typeof entry === "string") : ["*"];
            const dimensions =
                section === "procstat" ? [...PROCESS_SELECTORS.filter((key) => key in (entrySettings ?? {})), "pid_finder"] : pluginDimensions(section, entrySettings);
            const selectorKey = section === "procstat" ? PROCESS_SELECTORS.find((key) => typeof entrySettings?.[key] === "string") : undefined;
            const selector = selectorKey ? { key: selectorKey, value: String(entrySettings[selectorKey]) } : undefined;
            for (const entry of (entrySettings?.measurement ?? []) as unknown[]) {
                const name = measurementName(section, entry);
                if (name) {
                    metrics.push({ namespace, name, resources, dimensions, ...(selector ? { selector } : {}) });
                }
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
    const aggregationDimensions = ((metricsSection.aggregation_dimensions ?? []) as unknown[]).filter(Array.isArray).map((set) => (set as unknown[]).map(String));
    return { path: AGENT_CONFIG_PATH, metrics, logs, appendDimensions, aggregationDimensions };
}

/** The agent publishes the metric, covering the given mount point for disk metrics. */
export function publishes(agent: AgentConfig, name: string, resource?: string): boolean {
    return agent.metrics.some((metric) => metric.name === name && (resource === undefined || metric.resources.includes("*") || metric.resources.includes(resource)));
}

/**
 * An alarm on an agent metric only gets data when its dimension names are exactly a set the agent
 * publishes: the plugin's own dimensions plus append_dimensions, or one aggregation_dimensions set.
 */
export function dimensionsPublished(agent: AgentConfig, metric: AgentMetric, alarmDimensions: string[]): boolean {
    const wanted = [...new Set(alarmDimensions)].sort().join(",");
    const full = [...new Set([...metric.dimensions, ...agent.appendDimensions])].sort().join(",");
    return wanted === full || agent.aggregationDimensions.some((set) => [...new Set(set)].sort().join(",") === wanted);
}

/** Boot commands start the agent with this configuration file. */
export function agentStarted(config: CloudConfig): boolean {
    return simpleCommands(config).some((command) => /amazon-cloudwatch-agent-ctl\b/.test(command) && /\s-s(\s|$)/.test(command) && command.includes(AGENT_CONFIG_PATH));
}

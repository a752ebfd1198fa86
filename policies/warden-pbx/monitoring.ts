// Monitoring of the PBX: which alarms watch a PBX host's metrics (EC2 and CloudWatch agent), the
// PBX's own metrics (namespace Warden/PBX) and its service health, and what the agent publishes.
import { PolicyResource } from "@pulumi/policy";
import { Alarm, AlarmSpec, ThresholdRequirement, alarmsOn, dimensionValue, missingDataProblem, probesOf, requireAlarm, thresholdProblem, watches } from "../lib/alarms";
import { CloudConfig, commandsOf, filesOf } from "../lib/cloud-init";
import { AGENT_NAMESPACE, AgentConfig, PROCESS_SELECTORS, ProcessSelector, agentConfigOf, agentStarted, dimensionsPublished } from "../lib/cloudwatch-agent";
import { RECORD, elasticIpsOf, recordName, records } from "../lib/dns";
import { balancersForwardingTo, balancersFronting, targetGroupsOfHost } from "../lib/edge";
import { mountOfDevice } from "../lib/host-files";
import { Host, cloudConfigOfHost, hostVolumes, pbxHosts } from "../lib/hosts";
import { referenced } from "../lib/resources";
import { RuleContext } from "../lib/rule";
import { isStartedAtBoot } from "../lib/systemd";
import { PBX_NAMESPACE, PBX_SERVICE, pbxUnit } from "./pbx";

type Context = Pick<RuleContext<unknown>, "resources" | "report">;

/** Alarms on a metric whose dimensions refer to the host. */
export function hostAlarms(resources: PolicyResource[], host: Host, namespace: string, metrics: string[]): Alarm[] {
    return alarmsOn(resources, namespace, metrics).filter((alarm) => watches(alarm, host.instance));
}

/** The agent config, if the host writes one and starts the agent with it; else the reason. */
export function runningAgent(config: CloudConfig): AgentConfig | string {
    const agent = agentConfigOf(config);
    if (typeof agent === "string") {
        return agent;
    }
    if (!agentStarted(config) && !isStartedAtBoot(config, "amazon-cloudwatch-agent")) {
        return "writes a CloudWatch agent configuration but never starts the agent with it (amazon-cloudwatch-agent-ctl -a fetch-config -s -c file:...)";
    }
    return agent;
}

/** Requires the agent to publish `metric` with the instance dimension the alarms use. */
export function agentPublishes(context: Context, config: CloudConfig, source: PolicyResource, metric: string, what: string, resource?: string): boolean {
    const agent = runningAgent(config);
    if (typeof agent === "string") {
        context.report(`${agent}, so ${what} is not published`, source);
        return false;
    }
    const published = agent.metrics.some((entry) => entry.namespace === AGENT_NAMESPACE && entry.name === metric && (resource === undefined || entry.resources.includes("*") || entry.resources.includes(resource)));
    if (!published) {
        context.report(`does not collect ${metric}${resource ? ` for ${resource}` : ""} in its CloudWatch agent configuration, so ${what} is not published`, source);
        return false;
    }
    if (!agent.appendDimensions.includes("InstanceId")) {
        context.report("publishes agent metrics without the InstanceId dimension (append_dimensions), so alarms on the instance get no data", source);
        return false;
    }
    return true;
}

/**
 * A check for requireAlarm: the alarm's dimensions are a set the host's agent publishes its metric
 * with (otherwise the alarm never gets data).
 */
export function publishedByAgent(config: CloudConfig): (alarm: Alarm) => string | undefined {
    return (alarm) => {
        const agent = runningAgent(config);
        if (typeof agent === "string") {
            return undefined; // Reported by the rules that require the agent.
        }
        for (const metric of alarm.metrics.filter((entry) => entry.namespace === AGENT_NAMESPACE)) {
            const published = agent.metrics.filter((entry) => entry.name === metric.metricName);
            if (published.length > 0 && !published.some((entry) => dimensionsPublished(agent, entry, metric.dimensionNames))) {
                const expected = [...new Set([...published[0].dimensions, ...agent.appendDimensions])].join(", ");
                return `uses dimensions ${metric.dimensionNames.join(", ") || "(none)"}, but the agent publishes ${metric.metricName} with ${expected} (or an aggregation_dimensions set), so the alarm gets no data`;
            }
        }
        return undefined;
    };
}

/** Mount points of the host: the root file system and the mounts of its attached volumes. */
export function mountPoints(resources: PolicyResource[], host: Host, config: CloudConfig): string[] {
    const mounts = hostVolumes(resources, host)
        .filter((volume) => volume.attachment && volume.deviceName)
        .map((volume) => mountOfDevice(config, volume.deviceName!)?.mountPoint)
        .filter((mount): mount is string => mount !== undefined);
    return ["/", ...mounts];
}

/** A sign that the PBX service is down, and how an alarm on it must compare. */
interface DownSignal {
    namespace: string;
    metrics: string[];
    /** Fires at the "down" value and not at the healthy one. */
    requirement: ThresholdRequirement;
    /** Published by the host's CloudWatch agent, which falls silent with the host. */
    fromAgent: boolean;
    /** The alarm watches this host (or what fronts it), so it is judged as this PBX's alarm. */
    watchesPbx(alarm: Alarm): boolean;
    /** Why the alarm, though on this host, does not count the PBX itself, or undefined. */
    pbxProblem?(alarm: Alarm): string | undefined;
}

/** The command line pbx.service starts, without systemd's prefixes ("/opt/pbx/venv/bin/python /opt/pbx/main.py"). */
function pbxCommandLine(config: CloudConfig): string | undefined {
    const exec = pbxUnit(config)?.get("Service", "ExecStart");
    return exec?.replace(/^[-@:+!]+/, "").trim();
}

/** The procstat selector picks the process of the command line: a pattern matches it (as pgrep -f), an exe the executable's name (as pgrep), a pid_file is the unit's PIDFile. */
function selectsProcess(selector: ProcessSelector, commandLine: string, pidFile: string | undefined): boolean {
    if (selector.key === "pid_file") {
        return selector.value === pidFile;
    }
    const subject = selector.key === "pattern" ? commandLine : (commandLine.split(/\s+/)[0].split("/").pop() ?? "");
    let expression: RegExp;
    try {
        expression = new RegExp(selector.value);
    } catch {
        return false; // The agent cannot use it either.
    }
    return expression.test(subject);
}

/**
 * Why a procstat alarm on the host does not count the PBX's processes, or undefined: the alarm's
 * selector dimension (pattern, exe or pid_file) must be one the host's CloudWatch agent publishes
 * procstat metrics with, and that selector must pick the process pbx.service starts.
 */
function procstatPbxProblem(host: Host, alarm: Alarm): string | undefined {
    const cloud = cloudConfigOfHost(host);
    if ("problem" in cloud) {
        return `counts processes on a host whose boot document cannot be read (${cloud.problem}), so nothing shows it counts the PBX`;
    }
    const commandLine = pbxCommandLine(cloud.config);
    if (commandLine === undefined) {
        return `counts processes, but the host writes no ${PBX_SERVICE}.service with an ExecStart, so nothing shows the PBX is among them`;
    }
    const metric = alarm.metrics.find((entry) => entry.namespace === AGENT_NAMESPACE) ?? alarm.metrics[0];
    const key = PROCESS_SELECTORS.find((name) => metric.dimensionNames.includes(name));
    if (key === undefined) {
        return `has no ${PROCESS_SELECTORS.join(", ")} dimension, so it counts no process the agent selects`;
    }
    const value = dimensionValue(metric, key);
    const agent = runningAgent(cloud.config);
    const published = typeof agent === "string" ? [] : agent.metrics.filter((entry) => entry.name.startsWith("procstat_") && entry.selector?.key === key && entry.selector.value === value);
    if (published.length === 0) {
        return `counts processes with ${key} ${JSON.stringify(value)}, which no procstat entry of the host's CloudWatch agent configuration selects, so the alarm gets no data`;
    }
    if (!selectsProcess(published[0].selector!, commandLine, pbxUnit(cloud.config)?.get("Service", "PIDFile"))) {
        return `counts processes with ${key} ${JSON.stringify(value)}, which does not select the PBX (${PBX_SERVICE}.service runs ${commandLine})`;
    }
    return undefined;
}

/** Dimension sets AWS publishes HealthyHostCount and UnHealthyHostCount with: per target group of a load balancer (and per zone). */
const TARGET_HEALTH_DIMENSIONS = ["LoadBalancer,TargetGroup", "AvailabilityZone,LoadBalancer,TargetGroup"];

/**
 * Why a target health alarm does not count this host's target group, or undefined: its dimensions
 * are a set AWS publishes (TargetGroup and LoadBalancer, optionally AvailabilityZone), TargetGroup
 * names a target group holding the host and LoadBalancer a load balancer forwarding to it.
 */
function targetHealthProblem(resources: PolicyResource[], host: Host, alarm: Alarm): string | undefined {
    const metric = alarm.metrics.find((entry) => entry.namespace === "AWS/ApplicationELB") ?? alarm.metrics[0];
    const names = [...metric.dimensionNames].sort().join(",");
    if (!TARGET_HEALTH_DIMENSIONS.includes(names)) {
        return `uses dimensions ${metric.dimensionNames.join(", ") || "(none)"}, but AWS publishes ${metric.metricName} per TargetGroup and LoadBalancer, so the alarm gets no data`;
    }
    const counted = targetGroupsOfHost(resources, host).some((group) => watches(alarm, group) && balancersForwardingTo(resources, [group]).some((balancer) => watches(alarm, balancer)));
    return counted ? undefined : "names no target group holding the host together with a load balancer forwarding to it (TargetGroup, LoadBalancer), so it does not count the PBX";
}

/** The alarms serviceDownSpec accepts, in the words of the rules' descriptions. */
export const SERVICE_DOWN_SIGNALS =
    "CWAgent procstat_lookup_pid_count or procstat_pid_count of the host whose selector dimension (pattern, exe or pid_file) is a procstat entry of the host's CloudWatch agent configuration picking the process pbx.service starts (a pattern matching its ExecStart command line, an exe its executable's name, a pid_file its PIDFile), or the PBX's Warden/PBX Up metric, below 1 with treatMissingData breaching (a dead host publishes nothing); HealthyHostCount below 1 or UnHealthyHostCount at or above 1 with the dimensions AWS publishes them with (TargetGroup and LoadBalancer, optionally AvailabilityZone) naming a target group holding the host and a load balancer forwarding to it; Route 53 HealthCheckStatus below 1 or Synthetics SuccessPercent below a threshold, for a health check or canary probing the PBX's address, load balancer or DNS name. Alarms firing below a threshold read Minimum or Average (or a percentile up to p50); UnHealthyHostCount reads Average or Maximum (or a percentile from p50), or Sum too when it fires above 0.";

/** 0 running processes / healthy hosts / passing health checks fires; 1 does not. */
const NONE_LEFT: ThresholdRequirement = { direction: "below", limit: 0, inclusive: true, healthy: 1 };

/** Where the PBX is reached: the instance, its Elastic IPs, the load balancers fronting it, and Route 53 records naming them. */
export function pbxEndpoints(resources: PolicyResource[], host: Host): PolicyResource[] {
    const addresses = [host.instance, ...elasticIpsOf(resources, host), ...balancersFronting(resources, host)];
    const urns = new Set(addresses.map((address) => address.urn));
    const named = records(resources).filter((record) => [...referenced(record, "records"), ...referenced(record, "aliases")].some((dependency) => urns.has(dependency.urn)));
    return [...addresses, ...named];
}

function downSignals(resources: PolicyResource[], host: Host): DownSignal[] {
    const targets = [...targetGroupsOfHost(resources, host), ...balancersFronting(resources, host)];
    const behindBalancer = (alarm: Alarm) => targets.some((target) => watches(alarm, target));
    const targetHealth = (alarm: Alarm) => targetHealthProblem(resources, host, alarm);
    // Probes are read only for health check and canary alarms (their properties may be unknown in a preview).
    let probes: PolicyResource[] | undefined;
    const probing = (alarm: Alarm) => {
        if (probes === undefined) {
            const endpoints = pbxEndpoints(resources, host);
            probes = probesOf(resources, endpoints, endpoints.filter((endpoint) => endpoint.type === RECORD).map(recordName));
        }
        return probes.some((probe) => watches(alarm, probe));
    };
    return [
        {
            namespace: AGENT_NAMESPACE,
            metrics: ["procstat_lookup_pid_count", "procstat_pid_count"],
            requirement: NONE_LEFT,
            fromAgent: true,
            watchesPbx: (alarm) => watches(alarm, host.instance),
            pbxProblem: (alarm) => procstatPbxProblem(host, alarm),
        },
        // The PBX's own namespace has no instance dimension: the host must publish it, and dimensions, if any, name the host.
        {
            namespace: PBX_NAMESPACE,
            metrics: ["ServiceUp", "Up"],
            requirement: NONE_LEFT,
            fromAgent: true,
            watchesPbx: (alarm) => publishesPbxMetrics(host) && (alarm.metrics.every((metric) => metric.dimensionNames.length === 0) || watches(alarm, host.instance)),
        },
        { namespace: "AWS/ApplicationELB", metrics: ["HealthyHostCount"], requirement: NONE_LEFT, fromAgent: false, watchesPbx: behindBalancer, pbxProblem: targetHealth },
        { namespace: "AWS/ApplicationELB", metrics: ["UnHealthyHostCount"], requirement: { direction: "above", limit: 1, inclusive: true, healthy: 0 }, fromAgent: false, watchesPbx: behindBalancer, pbxProblem: targetHealth },
        { namespace: "AWS/Route53", metrics: ["HealthCheckStatus"], requirement: NONE_LEFT, fromAgent: false, watchesPbx: probing },
        { namespace: "CloudWatchSynthetics", metrics: ["SuccessPercent"], requirement: { direction: "below", limit: 0, inclusive: true, healthy: 100, unit: "%" }, fromAgent: false, watchesPbx: probing },
    ];
}

/**
 * Alarms that notice the PBX service on the host is down, by any of the usual signals watching
 * this PBX, and the check each must pass: it counts the PBX itself (a procstat selector picking
 * the process pbx.service starts; the target group holding the host), fires at the "down" value
 * (no process, no healthy target, a failing probe) but not when the service is healthy, and an
 * agent metric's silence counts as breaching.
 */
export function serviceDownSpec(resources: PolicyResource[], host: Host): Pick<AlarmSpec, "candidates" | "check"> {
    const signalOf = new Map<string, { alarm: Alarm; signal: DownSignal }>();
    for (const signal of downSignals(resources, host)) {
        for (const alarm of alarmsOn(resources, signal.namespace, signal.metrics).filter(signal.watchesPbx)) {
            if (!signalOf.has(alarm.resource.urn)) {
                signalOf.set(alarm.resource.urn, { alarm, signal });
            }
        }
    }
    const check = (alarm: Alarm) => {
        const { signal } = signalOf.get(alarm.resource.urn)!;
        const problems = [signal.pbxProblem?.(alarm), thresholdProblem(alarm, signal.requirement), signal.fromAgent ? missingDataProblem(alarm) : undefined].filter((problem): problem is string => problem !== undefined);
        return problems.length > 0 ? problems.join("; ") : undefined;
    };
    return { candidates: [...signalOf.values()].map((entry) => entry.alarm), check };
}

/** The host's cloud-init configures publishing of the PBX namespace: it appears in its files or commands. */
function publishesPbxMetrics(host: Host): boolean {
    const cloud = cloudConfigOfHost(host);
    if ("problem" in cloud) {
        return false;
    }
    const texts = [...[...filesOf(cloud.config).values()].map((file) => file.content), ...commandsOf(cloud.config)];
    return texts.some((text) => text.includes(PBX_NAMESPACE));
}

/**
 * Some PBX host's cloud-init configures publishing of the PBX namespace (the CloudWatch agent's
 * Prometheus/EMF namespace, a put-metric-data job, ...): the namespace appears in its files or commands.
 */
export function pbxMetricsPublished(resources: PolicyResource[]): boolean {
    return pbxHosts(resources).some(publishesPbxMetrics);
}

/** requireAlarm over the PBX's own metric, which some PBX host must publish. */
export function requirePbxMetricAlarm(context: Context, metric: string, what: string, extra: Omit<AlarmSpec, "what" | "candidates"> = {}): Alarm[] {
    const good = requireAlarm(context.resources, { what, candidates: alarmsOn(context.resources, PBX_NAMESPACE, [metric]), ...extra }, context.report);
    if (good.length > 0 && !pbxMetricsPublished(context.resources)) {
        context.report(`no PBX host publishes namespace ${PBX_NAMESPACE} (nothing in its cloud-init configures it), so the alarm on ${metric} gets no data`, good[0].resource);
    }
    return good;
}

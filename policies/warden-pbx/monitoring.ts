// Monitoring of the PBX: which alarms watch a PBX host's metrics (EC2 and CloudWatch agent), the
// PBX's own metrics (namespace Warden/PBX) and its service health, and what the agent publishes.
import { PolicyResource } from "@pulumi/policy";
import { Alarm, AlarmSpec, ThresholdRequirement, alarmsOn, missingDataProblem, probesOf, requireAlarm, thresholdProblem, watches } from "../lib/alarms";
import { CloudConfig, commandsOf, filesOf } from "../lib/cloud-init";
import { AGENT_NAMESPACE, AgentConfig, agentConfigOf, agentStarted, dimensionsPublished } from "../lib/cloudwatch-agent";
import { RECORD, elasticIpsOf, recordName, records } from "../lib/dns";
import { balancersFronting, targetGroupsOfHost } from "../lib/edge";
import { mountOfDevice } from "../lib/host-files";
import { Host, cloudConfigOfHost, hostVolumes, pbxHosts } from "../lib/hosts";
import { referenced } from "../lib/resources";
import { RuleContext } from "../lib/rule";
import { isStartedAtBoot } from "../lib/systemd";
import { PBX_NAMESPACE } from "./pbx";

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
    /** The alarm watches this host's PBX, not something else. */
    watchesPbx(alarm: Alarm): boolean;
}

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
        { namespace: AGENT_NAMESPACE, metrics: ["procstat_lookup_pid_count", "procstat_pid_count"], requirement: NONE_LEFT, fromAgent: true, watchesPbx: (alarm) => watches(alarm, host.instance) },
        // The PBX's own namespace has no instance dimension: the host must publish it, and dimensions, if any, name the host.
        {
            namespace: PBX_NAMESPACE,
            metrics: ["ServiceUp", "Up"],
            requirement: NONE_LEFT,
            fromAgent: true,
            watchesPbx: (alarm) => publishesPbxMetrics(host) && (alarm.metrics.every((metric) => metric.dimensionNames.length === 0) || watches(alarm, host.instance)),
        },
        { namespace: "AWS/ApplicationELB", metrics: ["HealthyHostCount"], requirement: NONE_LEFT, fromAgent: false, watchesPbx: behindBalancer },
        { namespace: "AWS/ApplicationELB", metrics: ["UnHealthyHostCount"], requirement: { direction: "above", limit: 1, inclusive: true, healthy: 0 }, fromAgent: false, watchesPbx: behindBalancer },
        { namespace: "AWS/Route53", metrics: ["HealthCheckStatus"], requirement: NONE_LEFT, fromAgent: false, watchesPbx: probing },
        { namespace: "CloudWatchSynthetics", metrics: ["SuccessPercent"], requirement: { direction: "below", limit: 0, inclusive: true, healthy: 100, unit: "%" }, fromAgent: false, watchesPbx: probing },
    ];
}

/**
 * Alarms that notice the PBX service on the host is down, by any of the usual signals watching
 * this PBX, and the check each must pass: it fires at the "down" value (no process, no healthy
 * target, a failing probe) but not when the service is healthy, and an agent metric's silence
 * counts as breaching.
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
        const problems = [thresholdProblem(alarm, signal.requirement), signal.fromAgent ? missingDataProblem(alarm) : undefined].filter((problem): problem is string => problem !== undefined);
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

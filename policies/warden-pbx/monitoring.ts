// Monitoring of the PBX: which alarms watch a PBX host's metrics (EC2 and CloudWatch agent), the
// PBX's own metrics (namespace Warden/PBX) and its service health, and what the agent publishes.
import { PolicyResource } from "@pulumi/policy";
import { Alarm, AlarmSpec, alarmsOn, requireAlarm, watches } from "../lib/alarms";
import { CloudConfig, commandsOf, filesOf } from "../lib/cloud-init";
import { AGENT_NAMESPACE, AgentConfig, agentConfigOf, agentStarted, dimensionsPublished } from "../lib/cloudwatch-agent";
import { balancersFronting, targetGroupsOfHost } from "../lib/edge";
import { mountOfDevice } from "../lib/host-files";
import { Host, cloudConfigOfHost, hostVolumes, pbxHosts } from "../lib/hosts";
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

/** Alarms that notice the PBX service is down, by any of the usual signals. */
export function serviceDownAlarms(resources: PolicyResource[], host: Host): Alarm[] {
    const groups = targetGroupsOfHost(resources, host);
    const balancers = balancersFronting(resources, host);
    return [
        ...hostAlarms(resources, host, AGENT_NAMESPACE, ["procstat_lookup_pid_count", "procstat_pid_count"]),
        ...alarmsOn(resources, "AWS/ApplicationELB", ["HealthyHostCount", "UnHealthyHostCount"]).filter((alarm) => [...groups, ...balancers].some((target) => watches(alarm, target))),
        ...alarmsOn(resources, "AWS/Route53", ["HealthCheckStatus"]),
        ...alarmsOn(resources, "CloudWatchSynthetics", ["SuccessPercent"]),
        ...alarmsOn(resources, PBX_NAMESPACE, ["ServiceUp", "Up"]),
    ];
}

/**
 * Some PBX host's cloud-init configures publishing of the PBX namespace (the CloudWatch agent's
 * Prometheus/EMF namespace, a put-metric-data job, ...): the namespace appears in its files or commands.
 */
export function pbxMetricsPublished(resources: PolicyResource[]): boolean {
    return pbxHosts(resources).some((host) => {
        const cloud = cloudConfigOfHost(host);
        if ("problem" in cloud) {
            return false;
        }
        const texts = [...[...filesOf(cloud.config).values()].map((file) => file.content), ...commandsOf(cloud.config)];
        return texts.some((text) => text.includes(PBX_NAMESPACE));
    });
}

/** requireAlarm over the PBX's own metric, which some PBX host must publish. */
export function requirePbxMetricAlarm(context: Context, metric: string, what: string, extra: Omit<AlarmSpec, "what" | "candidates"> = {}): Alarm[] {
    const good = requireAlarm(context.resources, { what, candidates: alarmsOn(context.resources, PBX_NAMESPACE, [metric]), ...extra }, context.report);
    if (good.length > 0 && !pbxMetricsPublished(context.resources)) {
        context.report(`no PBX host publishes namespace ${PBX_NAMESPACE} (nothing in its cloud-init configures it), so the alarm on ${metric} gets no data`, good[0].resource);
    }
    return good;
}

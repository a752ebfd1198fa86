// CloudWatch metric alarms and where they send their notifications. An alarm "alerts" only when
// its alarmActions reach an SNS topic of the program that has at least one subscription; relations
// are read from property dependencies, which a first preview knows even though ARNs are unknown.
import { PolicyResource } from "@pulumi/policy";
import { asNumber, ofType, referenced, referrers } from "./resources";

export const METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
export const TOPIC = "aws:sns/topic:Topic";
export const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";
export const HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";
export const CANARY = "aws:synthetics/canary:Canary";

export interface AlarmMetric {
    namespace?: string;
    metricName?: string;
    /** Dimension names; values are read with dimensionValue (they may be unknown). */
    dimensionNames: string[];
    dimensions: Record<string, unknown>;
}

export type Direction = "above" | "below" | "band";

export interface Alarm {
    resource: PolicyResource;
    metrics: AlarmMetric[];
    direction?: Direction;
    /** Whether a value equal to the threshold fires the alarm too (GreaterThanOrEqualTo / LessThanOrEqualTo). */
    inclusive: boolean;
    threshold?: number;
    /** Minutes of breaching data before the alarm fires. */
    detectionMinutes?: number;
}

const DIRECTIONS: Record<string, Direction> = {
    GreaterThanThreshold: "above",
    GreaterThanOrEqualToThreshold: "above",
    LessThanThreshold: "below",
    LessThanOrEqualToThreshold: "below",
    LessThanLowerOrGreaterThanUpperThreshold: "band",
    LessThanLowerThreshold: "below",
    GreaterThanUpperThreshold: "above",
};

function metricOf(source: Record<string, unknown>): AlarmMetric {
    const dimensions = (source.dimensions ?? {}) as Record<string, unknown>;
    return {
        namespace: typeof source.namespace === "string" ? source.namespace : undefined,
        metricName: typeof source.metricName === "string" ? source.metricName : undefined,
        dimensionNames: Object.keys(dimensions),
        dimensions,
    };
}

export function alarmOf(resource: PolicyResource): Alarm {
    const props = resource.props;
    const metrics: AlarmMetric[] = [];
    if (props.metricName !== undefined) {
        metrics.push(metricOf(props));
    }
    for (const query of (props.metricQueries ?? []) as Record<string, unknown>[]) {
        if (query.metric) {
            metrics.push(metricOf(query.metric as Record<string, unknown>));
        }
    }
    const period = asNumber(props.period) ?? asNumber(((props.metricQueries ?? []) as Record<string, Record<string, unknown>>[]).find((query) => query.metric)?.metric?.period);
    const evaluations = asNumber(props.datapointsToAlarm) ?? asNumber(props.evaluationPeriods);
    return {
        resource,
        metrics,
        direction: DIRECTIONS[String(props.comparisonOperator)],
        inclusive: String(props.comparisonOperator).includes("OrEqualTo"),
        threshold: asNumber(props.threshold),
        detectionMinutes: period !== undefined && evaluations !== undefined ? (period * evaluations) / 60 : undefined,
    };
}

export function alarms(resources: PolicyResource[]): Alarm[] {
    return ofType(resources, METRIC_ALARM).map(alarmOf);
}

/** Alarms on a metric (any of the names) in a namespace. */
export function alarmsOn(resources: PolicyResource[], namespace: string, metricNames: string[]): Alarm[] {
    return alarms(resources).filter((alarm) => alarm.metrics.some((metric) => metric.namespace === namespace && metricNames.includes(metric.metricName ?? "")));
}

/** Properties naming a resource in CloudWatch dimensions (DBInstanceIdentifier = identifier, ...). */
const IDENTIFYING_PROPERTIES = ["identifier", "name", "clusterIdentifier"];

/**
 * The alarm's dimensions refer to the resource (e.g. InstanceId = instance.id), or a literal
 * dimension value equals the identifier the program gave it (DBInstanceIdentifier = "app-db-replica").
 */
export function watches(alarm: Alarm, target: PolicyResource): boolean {
    const dependencies = [...referenced(alarm.resource, "dimensions"), ...referenced(alarm.resource, "metricQueries")];
    if (dependencies.some((dependency) => dependency.urn === target.urn)) {
        return true;
    }
    if (dependencies.length > 0) {
        // Values derived from other resources may be unknown in a preview; only literal dimensions are compared.
        return false;
    }
    const names = IDENTIFYING_PROPERTIES.map((property) => target.props[property]).filter((value): value is string => typeof value === "string" && value !== "");
    return alarm.metrics.some((metric) => Object.values(metric.dimensions).some((value) => typeof value === "string" && names.includes(value)));
}

/** A literal dimension value, e.g. the `path` of a disk alarm. */
export function dimensionValue(metric: AlarmMetric, name: string): unknown {
    return metric.dimensionNames.includes(name) ? metric.dimensions[name] : undefined;
}

export function subscriptionsOf(resources: PolicyResource[], topic: PolicyResource): PolicyResource[] {
    return referrers(resources, topic, "topic", SUBSCRIPTION);
}

/** Why the alarm's notifications reach nobody, or undefined when a subscribed topic receives them. */
export function routingProblem(resources: PolicyResource[], alarm: Alarm): string | undefined {
    if (alarm.resource.props.actionsEnabled === false) {
        return "has its actions disabled (actionsEnabled: false)";
    }
    const topics = referenced(alarm.resource, "alarmActions", TOPIC);
    if (topics.length === 0) {
        return "has no alarmActions pointing at an SNS topic of this program, so nobody is notified";
    }
    if (!topics.some((topic) => subscriptionsOf(resources, topic).length > 0)) {
        return `notifies ${topics.map((topic) => `topic "${topic.name}"`).join(", ")}, which has no subscription, so nobody receives it`;
    }
    return undefined;
}

export interface ThresholdRequirement {
    direction: "above" | "below";
    /** For "above": every value above this one must fire the alarm. For "below": every value below it. */
    limit: number;
    /** The value `limit` itself must fire it too (e.g. 1, the first failed connection: "> 0" or ">= 1"). */
    inclusive?: boolean;
    /** A value the alarm must not fire at, the healthy state (1 running process): else it is always in alarm. */
    healthy?: number;
    /**
     * What a datapoint is: a level (percent used, MOS, days left; the default), compared per
     * datapoint, or a count of events (failed logins), which only the Sum totals per period.
     */
    measure?: "level" | "count";
    unit?: string;
}

/** Whether the alarm fires at `value` (a static threshold alarm). */
function firesAt(alarm: Alarm, threshold: number, value: number): boolean {
    if (alarm.direction === "above") {
        return alarm.inclusive ? value >= threshold : value > threshold;
    }
    if (alarm.direction === "below") {
        return alarm.inclusive ? value <= threshold : value < threshold;
    }
    return false;
}

/** "above 80%", "at or below 0". */
function condition(direction: Direction | undefined, inclusive: boolean | undefined, value: number, unit: string): string {
    return `${inclusive ? `at or ${direction}` : direction} ${value}${unit}`;
}

/**
 * Why the alarm does not compare its metric itself with a static threshold: metric math (the
 * threshold applies to the expression's result, e.g. "m1/100"), several metrics, no returned
 * metric, or an anomaly band.
 */
function comparabilityProblem(alarm: Alarm): string | undefined {
    const props = alarm.resource.props;
    if (props.thresholdMetricId !== undefined) {
        return "compares with an anomaly band (thresholdMetricId), not a static threshold";
    }
    const queries = (props.metricQueries ?? []) as Record<string, unknown>[];
    const expression = queries.find((query) => query.expression !== undefined);
    if (expression) {
        return `alarms on the metric math expression "${String(expression.expression)}" (query ${String(expression.id)}), not on the metric itself`;
    }
    if (alarm.metrics.length !== 1) {
        return `alarms on ${alarm.metrics.length} metrics at once`;
    }
    if (queries.length === 1 && queries[0].returnData === false) {
        return `returns no data from its only metric query (${String(queries[0].id)}, returnData: false)`;
    }
    return undefined;
}

/** The statistic the alarm compares: statistic, extendedStatistic, or its metric query's stat. */
export function statisticOf(alarm: Alarm): string | undefined {
    const props = alarm.resource.props;
    const query = ((props.metricQueries ?? []) as Record<string, unknown>[]).find((entry) => entry.metric);
    const value = props.statistic ?? props.extendedStatistic ?? (query?.metric as Record<string, unknown> | undefined)?.stat;
    return typeof value === "string" ? value : undefined;
}

/**
 * Statistics that follow the measured value toward the alarm's side: for a level, Average or the
 * extreme in the alarm's direction (or a percentile on that side of the median); for a count, the
 * Sum per period. When the alarm fires on any positive datapoint ("> 0"), Sum, Average and
 * Maximum agree, whatever the metric.
 */
function statisticProblem(alarm: Alarm, requirement: ThresholdRequirement, statistic: string | undefined): string | undefined {
    const anyPositive = alarm.direction === "above" && !alarm.inclusive && alarm.threshold === 0;
    const count = requirement.measure === "count";
    const accepted = count ? ["Sum"] : requirement.direction === "above" ? ["Average", "Maximum"] : ["Minimum", "Average"];
    if (anyPositive) {
        accepted.push(...["Sum", "Average", "Maximum"].filter((name) => !accepted.includes(name)));
    }
    if (statistic === undefined) {
        return `has no statistic; it must use ${accepted.join(" or ")}`;
    }
    const percentile = /^p(\d+(?:\.\d+)?)$/.exec(statistic);
    if (percentile && !count) {
        const rank = Number(percentile[1]);
        if (requirement.direction === "above" ? rank >= 50 : rank <= 50) {
            return undefined;
        }
    }
    if (accepted.includes(statistic)) {
        return undefined;
    }
    if (count) {
        return `uses statistic ${statistic}, which does not count the events of a period; it must use ${accepted.join(" or ")}`;
    }
    const [how, percentiles] = requirement.direction === "above" ? ["high", "p50 or higher"] : ["low", "p50 or lower"];
    return `uses statistic ${statistic}, which does not measure how ${how} the value goes; it must use ${accepted.join(" or ")} (or a percentile ${percentiles})`;
}

/** Why the alarm does not meet the requirement (comparison, threshold, statistic), or undefined. */
export function thresholdProblem(alarm: Alarm, requirement: ThresholdRequirement): string | undefined {
    const unit = requirement.unit ?? "";
    const incomparable = comparabilityProblem(alarm);
    if (incomparable) {
        return `${incomparable}, so its threshold cannot be compared with ${requirement.limit}${unit}`;
    }
    const required = condition(requirement.direction, requirement.inclusive, requirement.limit, unit);
    if (alarm.direction !== requirement.direction) {
        return `fires when the value is ${alarm.direction ?? "(no comparison)"} its threshold; it must fire when it goes ${required}`;
    }
    if (alarm.threshold === undefined) {
        return "has no threshold";
    }
    const problems: string[] = [];
    const fires = condition(alarm.direction, alarm.inclusive, alarm.threshold, unit);
    if (requirement.inclusive) {
        if (!firesAt(alarm, alarm.threshold, requirement.limit)) {
            problems.push(`fires ${fires}; it must fire ${required}`);
        }
    } else if (requirement.direction === "above" ? alarm.threshold > requirement.limit : alarm.threshold < requirement.limit) {
        // Every value past the limit must fire: "> 80" or ">= 80" for "above 80", not "> 81".
        problems.push(`fires ${fires}; it must fire ${required} at the latest`);
    }
    if (requirement.healthy !== undefined && firesAt(alarm, alarm.threshold, requirement.healthy)) {
        problems.push(`fires ${fires}, so also at ${requirement.healthy}${unit}, the healthy value: it is always in alarm`);
    }
    const statistic = statisticProblem(alarm, requirement, statisticOf(alarm));
    if (statistic) {
        problems.push(statistic);
    }
    return problems.length > 0 ? problems.join("; ") : undefined;
}

/**
 * Why missing data keeps the alarm quiet, for a metric that stops arriving when what it watches
 * dies (an agent's metrics stop with its host): only "breaching" turns the silence into an alarm.
 */
export function missingDataProblem(alarm: Alarm): string | undefined {
    const treatment = alarm.resource.props.treatMissingData;
    if (treatment === "breaching") {
        return undefined;
    }
    return `treats missing data as ${treatment === undefined ? "missing (the default)" : String(treatment)}, so it never fires when the host stops and its agent publishes nothing; set treatMissingData to "breaching"`;
}

/** The host name of a URL or a bare name ("https://portal.example.com/health" -> portal.example.com). */
function hostName(value: unknown): string | undefined {
    const match = typeof value === "string" ? /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/:?#\s]+)/i.exec(value.trim()) : null;
    return match ? match[1].replace(/\.$/, "").toLowerCase() : undefined;
}

/**
 * Route 53 health checks and Synthetics canaries that probe one of the targets: a property refers
 * to one (fqdn or ipAddress of a health check, a canary's code or run config built from its
 * address), or a literal host name is one of `names` (a health check's fqdn, a URL among the
 * canary's environment variables).
 */
export function probesOf(resources: PolicyResource[], targets: PolicyResource[], names: string[]): PolicyResource[] {
    const urns = new Set(targets.map((target) => target.urn));
    const named = (value: unknown) => {
        const host = hostName(value);
        return host !== undefined && names.includes(host);
    };
    return ofType(resources, HEALTH_CHECK, CANARY).filter((probe) => {
        if (Object.values(probe.propertyDependencies).some((dependencies) => dependencies.some((dependency) => urns.has(dependency.urn)))) {
            return true;
        }
        if (probe.type === HEALTH_CHECK) {
            return named(probe.props.fqdn);
        }
        const variables = (probe.props.runConfig?.environmentVariables ?? {}) as Record<string, unknown>;
        return Object.values(variables).some(named);
    });
}

export interface AlarmSpec {
    /** What the alarm watches, for messages ("disk usage of host pbx"). */
    what: string;
    candidates: Alarm[];
    threshold?: ThresholdRequirement;
    /** Longest time in minutes between the condition and the notification. */
    maxDetectionMinutes?: number;
    /** Require routing to a subscribed topic (default true). */
    routed?: boolean;
    /** A further reason a candidate does not qualify, e.g. dimensions its metric is never published with. */
    check?: (alarm: Alarm) => string | undefined;
}

type Report = (message: string, resource?: PolicyResource) => void;

/**
 * Passes when at least one candidate alarm meets every requirement; otherwise reports why each
 * candidate falls short (naming it), or that none exists. Returns the alarms that qualify.
 */
export function requireAlarm(resources: PolicyResource[], spec: AlarmSpec, report: Report): Alarm[] {
    if (spec.candidates.length === 0) {
        report(`no CloudWatch alarm watches ${spec.what}`);
        return [];
    }
    const problems = spec.candidates.map((alarm) => {
        const reasons: string[] = [];
        const threshold = spec.threshold ? thresholdProblem(alarm, spec.threshold) : undefined;
        if (threshold) {
            reasons.push(threshold);
        }
        if (spec.maxDetectionMinutes !== undefined && (alarm.detectionMinutes === undefined || alarm.detectionMinutes > spec.maxDetectionMinutes)) {
            reasons.push(`needs ${alarm.detectionMinutes ?? "an unknown number of"} minutes of breaching data to fire; at most ${spec.maxDetectionMinutes} are allowed`);
        }
        const extra = spec.check?.(alarm);
        if (extra) {
            reasons.push(extra);
        }
        if (spec.routed !== false) {
            const routing = routingProblem(resources, alarm);
            if (routing) {
                reasons.push(routing);
            }
        }
        return { alarm, reasons };
    });
    const good = problems.filter((entry) => entry.reasons.length === 0).map((entry) => entry.alarm);
    if (good.length === 0) {
        for (const { alarm, reasons } of problems) {
            report(`watches ${spec.what} but ${reasons.join("; ")}`, alarm.resource);
        }
    }
    return good;
}

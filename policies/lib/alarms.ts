// CloudWatch metric alarms and where they send their notifications. An alarm "alerts" only when
// its alarmActions reach an SNS topic of the program that has at least one subscription; relations
// are read from property dependencies, which a first preview knows even though ARNs are unknown.
import { PolicyResource } from "@pulumi/policy";
import { asNumber, ofType, referenced, referrers } from "./resources";

export const METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
export const TOPIC = "aws:sns/topic:Topic";
export const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";

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
    /** For "above": the alarm must fire at or below this value. For "below": at or above it. */
    limit: number;
    unit?: string;
}

/** Why the threshold does not meet the requirement, or undefined. */
export function thresholdProblem(alarm: Alarm, requirement: ThresholdRequirement): string | undefined {
    const unit = requirement.unit ?? "";
    if (alarm.metrics.length > 1 || alarm.resource.props.thresholdMetricId !== undefined) {
        // Math expressions and anomaly bands have no single static threshold to compare.
        return `uses a metric expression or anomaly band, so its threshold cannot be compared with ${requirement.limit}${unit}`;
    }
    if (alarm.direction !== requirement.direction) {
        return `fires when the value is ${alarm.direction ?? "(no comparison)"} its threshold; it must fire when it goes ${requirement.direction} ${requirement.limit}${unit}`;
    }
    if (alarm.threshold === undefined) {
        return "has no threshold";
    }
    if (requirement.direction === "above" ? alarm.threshold > requirement.limit : alarm.threshold < requirement.limit) {
        return `fires ${requirement.direction} ${alarm.threshold}${unit}; it must fire ${requirement.direction} ${requirement.limit}${unit} at the latest`;
    }
    return undefined;
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

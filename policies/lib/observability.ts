// The Kubernetes observability stack as programs install it: kube-prometheus-stack (Prometheus,
// Alertmanager, Grafana and their rules), Loki and its log shippers, Jaeger and the OpenTelemetry
// collector. Prometheus alert rules come from PrometheusRule objects and from the release's
// additionalPrometheusRulesMap; an alert "alerts" only when Alertmanager's routing tree sends it
// to a receiver that notifies someone. Run-time numbers (latency, hit rate, replication lag) are
// checked as "an alert rule or CloudWatch alarm watches this number with this threshold and
// reaches a receiver".
import { PolicyResource } from "@pulumi/policy";
import { Alarm, AlarmSpec, ThresholdRequirement, requireAlarm } from "./alarms";
import { HELM_RELEASE, chartName, isFalse, releasesOf, valueAt } from "./helm";
import { ofType } from "./resources";

export const PROMETHEUS_RULE = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";
export const SERVICE_MONITOR = "kubernetes:monitoring.coreos.com/v1:ServiceMonitor";
export const POD_MONITOR = "kubernetes:monitoring.coreos.com/v1:PodMonitor";

export const PROMETHEUS_STACK_CHARTS = ["kube-prometheus-stack"];
export const GRAFANA_CHARTS = ["grafana"];
export const LOKI_CHARTS = ["loki", "loki-stack", "loki-distributed"];
export const LOG_SHIPPER_CHARTS = ["promtail", "alloy", "fluent-bit", "k8s-monitoring", "vector"];
export const JAEGER_CHARTS = ["jaeger"];
export const OTEL_COLLECTOR_CHARTS = ["opentelemetry-collector"];

type Json = Record<string, unknown>;

function object(value: unknown): Json {
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {};
}

function list(value: unknown): Json[] {
    return Array.isArray(value) ? (value.filter((entry) => entry && typeof entry === "object") as Json[]) : [];
}

export function prometheusStacks(resources: PolicyResource[]): PolicyResource[] {
    return releasesOf(resources, ...PROMETHEUS_STACK_CHARTS);
}

/** A component of kube-prometheus-stack (prometheus, alertmanager, grafana) is on: chart default true. */
export function componentEnabled(release: PolicyResource, component: string): boolean {
    return !isFalse(valueAt(release, [component, "enabled"]));
}

// --- durations -----------------------------------------------------------------------------------

const UNIT_DAYS: Record<string, number> = { ms: 1 / 86400000, s: 1 / 86400, m: 1 / 1440, h: 1 / 24, d: 1, w: 7, y: 365 };

/** Prometheus/Loki durations ("30d", "720h", "1y", "4w2d") in days; undefined when unparsable. */
export function durationDays(text: unknown): number | undefined {
    if (typeof text !== "string" || !/^(\d+(ms|s|m|h|d|w|y))+$/.test(text.trim())) {
        return undefined;
    }
    let days = 0;
    for (const match of text.trim().matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) {
        days += Number(match[1]) * UNIT_DAYS[match[2]];
    }
    return days;
}

/** kube-prometheus-stack's default Prometheus retention. */
export const DEFAULT_PROMETHEUS_RETENTION = "10d";

// --- alert rules ---------------------------------------------------------------------------------

export interface AlertRule {
    alert: string;
    expr: string;
    labels: Record<string, string>;
    /** The PrometheusRule object or the release whose values carry the rule. */
    source: PolicyResource;
}

function rulesOfGroups(groups: unknown, source: PolicyResource): AlertRule[] {
    return list(groups).flatMap((group) =>
        list(group.rules)
            .filter((rule) => typeof rule.alert === "string")
            .map((rule) => ({ alert: String(rule.alert), expr: String(rule.expr ?? ""), labels: object(rule.labels) as Record<string, string>, source })),
    );
}

/** Alert rules of PrometheusRule objects and of kube-prometheus-stack's additionalPrometheusRulesMap / additionalPrometheusRules. */
export function alertRules(resources: PolicyResource[]): AlertRule[] {
    const fromObjects = ofType(resources, PROMETHEUS_RULE).flatMap((rule) => rulesOfGroups(object(rule.props.spec).groups, rule));
    const fromValues = prometheusStacks(resources).flatMap((release) => {
        const map = Object.values(object(valueAt(release, "additionalPrometheusRulesMap"))).flatMap((entry) => rulesOfGroups(object(entry).groups, release));
        const legacy = list(valueAt(release, "additionalPrometheusRules")).flatMap((entry) => rulesOfGroups(entry.groups, release));
        return [...map, ...legacy];
    });
    return [...fromObjects, ...fromValues];
}

/**
 * Rules kube-prometheus-stack creates itself (defaultRules), by group toggle: only the ones rules
 * of this kit rely on. A group is on unless defaultRules.create or defaultRules.rules.<group> is false.
 */
export const DEFAULT_RULE_GROUPS: Record<string, { alert: string; severity: string }[]> = {
    general: [
        { alert: "Watchdog", severity: "none" },
        { alert: "TargetDown", severity: "warning" },
    ],
    kubernetesApps: [
        { alert: "KubePodCrashLooping", severity: "warning" },
        { alert: "KubePodNotReady", severity: "warning" },
        { alert: "KubeDeploymentReplicasMismatch", severity: "warning" },
        { alert: "KubeStatefulSetReplicasMismatch", severity: "warning" },
        { alert: "KubeContainerWaiting", severity: "warning" },
    ],
};

export function defaultRules(resources: PolicyResource[]): AlertRule[] {
    return prometheusStacks(resources).flatMap((release) => {
        if (isFalse(valueAt(release, "defaultRules.create"))) {
            return [];
        }
        return Object.entries(DEFAULT_RULE_GROUPS)
            .filter(([group]) => !isFalse(valueAt(release, ["defaultRules", "rules", group])))
            .flatMap(([, rules]) => rules.map((rule) => ({ alert: rule.alert, expr: "", labels: { severity: rule.severity }, source: release })));
    });
}

/** Alert rules whose expression reads one of the metrics (names or patterns). */
export function alertsOn(resources: PolicyResource[], metric: RegExp): AlertRule[] {
    return alertRules(resources).filter((rule) => metric.test(rule.expr));
}

/** The comparison ending an alert expression: `... > 0.2`, `... < 80`. */
export function comparisonOf(expr: string): { direction: "above" | "below"; value: number; inclusive: boolean } | undefined {
    const match = /(>=|<=|>|<)\s*(-?[0-9.]+(?:e[+-]?\d+)?)\s*\)?\s*$/.exec(expr.trim());
    if (!match) {
        return undefined;
    }
    return { direction: match[1].startsWith(">") ? "above" : "below", value: Number(match[2]), inclusive: match[1].length === 2 };
}

/** Why the rule's threshold does not meet the requirement, or undefined. */
export function alertThresholdProblem(rule: AlertRule, requirement: ThresholdRequirement): string | undefined {
    const unit = requirement.unit ?? "";
    const comparison = comparisonOf(rule.expr);
    if (!comparison) {
        return `has no comparison with a number at the end of its expression, so its threshold cannot be compared with ${requirement.limit}${unit}`;
    }
    if (comparison.direction !== requirement.direction) {
        return `fires when the value is ${comparison.direction} ${comparison.value}${unit}; it must fire when it goes ${requirement.direction} ${requirement.limit}${unit}`;
    }
    if (requirement.direction === "above" ? comparison.value > requirement.limit : comparison.value < requirement.limit) {
        return `fires ${requirement.direction} ${comparison.value}${unit}; it must fire ${requirement.direction} ${requirement.limit}${unit} at the latest`;
    }
    return undefined;
}

// --- Alertmanager --------------------------------------------------------------------------------

export interface Receiver {
    name: string;
    /** Integrations the receiver notifies through: pagerduty, slack, email, webhook, ... */
    integrations: string[];
    config: Json;
}

export interface AlertmanagerConfig {
    release: PolicyResource;
    route: Json;
    receivers: Receiver[];
    global: Json;
}

/** Alertmanager configurations of the program (kube-prometheus-stack alertmanager.config). */
export function alertmanagerConfigs(resources: PolicyResource[]): AlertmanagerConfig[] {
    return prometheusStacks(resources)
        .filter((release) => componentEnabled(release, "alertmanager"))
        .map((release) => {
            const config = object(valueAt(release, "alertmanager.config"));
            return {
                release,
                route: object(config.route),
                global: object(config.global),
                receivers: list(config.receivers).map((receiver) => ({
                    name: String(receiver.name ?? ""),
                    integrations: Object.keys(receiver)
                        .filter((key) => key.endsWith("_configs") && list(receiver[key]).length > 0)
                        .map((key) => key.replace(/_configs$/, "")),
                    config: receiver,
                })),
            };
        });
}

/** Parses a matcher string: `severity="critical"`, `severity =~ "critical|page"`, `team!=ops`. */
function matcherHolds(matcher: string, labels: Record<string, string>): boolean {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*"?(.*?)"?\s*$/.exec(matcher);
    if (!match) {
        return false;
    }
    const [, name, op, value] = match;
    const actual = labels[name] ?? "";
    switch (op) {
        case "=":
            return actual === value;
        case "!=":
            return actual !== value;
        case "=~":
            return new RegExp(`^(?:${value})$`).test(actual);
        default:
            return !new RegExp(`^(?:${value})$`).test(actual);
    }
}

function routeMatches(route: Json, labels: Record<string, string>): boolean {
    const matchers = Array.isArray(route.matchers) ? route.matchers.map(String) : [];
    const match = Object.entries(object(route.match)).every(([name, value]) => (labels[name] ?? "") === String(value));
    const matchRe = Object.entries(object(route.match_re)).every(([name, value]) => new RegExp(`^(?:${String(value)})$`).test(labels[name] ?? ""));
    return match && matchRe && matchers.every((matcher) => matcherHolds(matcher, labels));
}

/** Receivers Alertmanager's routing tree sends an alert with these labels to. */
export function receiversFor(config: AlertmanagerConfig, labels: Record<string, string>): Receiver[] {
    const names: string[] = [];
    // A matching child takes the alert (and the next children too while `continue` is set); the
    // route's own receiver gets it only when no child matched.
    const walk = (route: Json, inherited: string | undefined): void => {
        const receiver = typeof route.receiver === "string" ? route.receiver : inherited;
        let matched = false;
        for (const child of list(route.routes)) {
            if (routeMatches(child, labels)) {
                matched = true;
                walk(child, receiver);
                if (child.continue !== true) {
                    break;
                }
            }
        }
        if (!matched && receiver !== undefined) {
            names.push(receiver);
        }
    };
    walk(config.route, undefined);
    return [...new Set(names)].map((name) => config.receivers.find((receiver) => receiver.name === name)).filter((receiver): receiver is Receiver => receiver !== undefined);
}

/** Why the alert reaches nobody, or undefined when a receiver with an integration gets it. */
export function alertRoutingProblem(resources: PolicyResource[], rule: Pick<AlertRule, "labels">): string | undefined {
    const configs = alertmanagerConfigs(resources);
    if (configs.length === 0) {
        return "is not routed anywhere: no Alertmanager of kube-prometheus-stack is configured (alertmanager.config)";
    }
    const reached = configs.flatMap((config) => receiversFor(config, rule.labels));
    if (!reached.some((receiver) => receiver.integrations.length > 0)) {
        return `is routed to ${reached.map((receiver) => `receiver "${receiver.name}"`).join(", ") || "no receiver"}, which notifies nobody`;
    }
    return undefined;
}

// --- alarm or alert ------------------------------------------------------------------------------

export interface MeasurementSpec {
    /** What is watched, for messages. */
    what: string;
    alarms: Alarm[];
    alerts: AlertRule[];
    threshold: ThresholdRequirement;
    /** Extra requirements of a CloudWatch alarm candidate (dimensions, routing). */
    alarmSpec?: Omit<AlarmSpec, "what" | "candidates" | "threshold">;
}

type Report = (message: string, resource?: PolicyResource) => void;

/**
 * A run-time measurement is watched: some CloudWatch alarm (requireAlarm: threshold, routed to a
 * subscribed topic) or some Prometheus alert rule (threshold, routed by Alertmanager to a receiver
 * that notifies) qualifies. Otherwise reports why each candidate falls short, or that none exists.
 */
export function requireWatched(resources: PolicyResource[], spec: MeasurementSpec, report: Report): boolean {
    const alarmProblems: { message: string; resource?: PolicyResource }[] = [];
    const goodAlarms = spec.alarms.length > 0 ? requireAlarm(resources, { what: spec.what, candidates: spec.alarms, threshold: spec.threshold, ...spec.alarmSpec }, (message, resource) => alarmProblems.push({ message, resource })) : [];
    const alertProblems = spec.alerts.map((rule) => ({ rule, reasons: [alertThresholdProblem(rule, spec.threshold), alertRoutingProblem(resources, rule)].filter((reason): reason is string => reason !== undefined) }));
    if (goodAlarms.length > 0 || alertProblems.some((entry) => entry.reasons.length === 0)) {
        return true;
    }
    if (spec.alarms.length === 0 && spec.alerts.length === 0) {
        report(`no CloudWatch alarm or Prometheus alert rule watches ${spec.what}`);
        return false;
    }
    for (const { message, resource } of alarmProblems) {
        report(message, resource);
    }
    for (const { rule, reasons } of alertProblems) {
        report(`alert ${rule.alert} watches ${spec.what} but ${reasons.join("; ")}`, rule.source);
    }
    return false;
}

// --- Grafana, Loki, tracing ----------------------------------------------------------------------

export interface GrafanaInstance {
    release: PolicyResource;
    /** The path of Grafana's values inside the release (["grafana"] in kube-prometheus-stack, [] for the grafana chart). */
    prefix: string[];
    /** The admin password the chart uses when the program sets none ("prom-operator" in kube-prometheus-stack; the grafana chart generates one). */
    defaultPassword?: string;
}

export function grafanaInstances(resources: PolicyResource[]): GrafanaInstance[] {
    const stacks = prometheusStacks(resources)
        .filter((release) => componentEnabled(release, "grafana"))
        .map((release) => ({ release, prefix: ["grafana"], defaultPassword: "prom-operator" }));
    const standalone = releasesOf(resources, ...GRAFANA_CHARTS).map((release) => ({ release, prefix: [] as string[], defaultPassword: undefined }));
    return [...stacks, ...standalone];
}

export function grafanaValue(instance: GrafanaInstance, path: string[]): unknown {
    return valueAt(instance.release, [...instance.prefix, ...path]);
}

export function lokiReleases(resources: PolicyResource[]): PolicyResource[] {
    return releasesOf(resources, ...LOKI_CHARTS);
}

export function logShippers(resources: PolicyResource[]): PolicyResource[] {
    return releasesOf(resources, ...LOG_SHIPPER_CHARTS);
}

export function jaegerReleases(resources: PolicyResource[]): PolicyResource[] {
    return releasesOf(resources, ...JAEGER_CHARTS);
}

export function otelCollectors(resources: PolicyResource[]): PolicyResource[] {
    return releasesOf(resources, ...OTEL_COLLECTOR_CHARTS);
}

export function isHelmRelease(resource: PolicyResource): boolean {
    return resource.type === HELM_RELEASE;
}

export { chartName };

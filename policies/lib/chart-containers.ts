// The containers helm charts run and where each chart takes their resources from, so that a
// policy can show that every container of a release has limits. Read from the chart versions the
// kit pins (kube-prometheus-stack 65.1.1 with grafana 8.5, kube-state-metrics 5.25 and
// prometheus-node-exporter 4.39; loki 6.16.0; promtail 6.16.6; jaeger 3.3.1;
// opentelemetry-collector 0.108.0; external-secrets 0.10.4; Bitnami redis 20.6.2; qdrant 1.13.4),
// with the conditions under which each container runs. Helm test pods (run by `helm test` only)
// are left out.
import { PolicyResource } from "@pulumi/policy";
import { chartName, isTrue, valueAt, valueOr } from "./helm";
import { asNumber } from "./resources";

export interface ChartContainer {
    /** What runs, for messages: "the Prometheus operator". */
    what: string;
    /** The values path of its resources ({requests, limits}); undefined when the chart lets values set none. */
    path?: string;
    /** For a container without a path: how values can avoid running it. */
    avoid?: string;
    /** Whether the chart runs it with the release's values (default: always). */
    runs?: (release: PolicyResource) => boolean;
    /** Limits (cpu, memory) the chart gives it when its resources value is empty. */
    defaultLimits?: (release: PolicyResource) => string[];
    /** What the policy cannot model (a subchart's many containers): their limits cannot be shown. */
    unmodeled?: boolean;
}

/** A boolean value, or the chart's default when the program leaves it unset. */
function flag(path: string, chartDefault: boolean): (release: PolicyResource) => boolean {
    return (release) => {
        const value = valueAt(release, path);
        return value === undefined || value === null ? chartDefault : isTrue(value);
    };
}

/** Helm templates treat empty maps and lists as false. */
function nonEmpty(value: unknown): boolean {
    return value !== null && typeof value === "object" ? Object.keys(value).length > 0 : Boolean(value);
}

const all =
    (...conditions: ((release: PolicyResource) => boolean)[]) =>
    (release: PolicyResource) =>
        conditions.every((condition) => condition(release));

const not = (condition: (release: PolicyResource) => boolean) => (release: PolicyResource) => !condition(release);

function replicasAbove0(path: string, chartDefault: number): (release: PolicyResource) => boolean {
    return (release) => (asNumber(valueOr(release, path, chartDefault)) ?? chartDefault) > 0;
}

/** Bitnami charts fill empty resources from `<section>.resourcesPreset` (requests and limits) unless it is "none". */
function bitnamiPreset(section: string, chartDefault = "nano"): (release: PolicyResource) => string[] {
    return (release) => (String(valueOr(release, `${section}.resourcesPreset`, chartDefault)) === "none" ? [] : ["cpu", "memory", "ephemeral-storage"]);
}

function bitnami(what: string, section: string, runs?: (release: PolicyResource) => boolean): ChartContainer {
    return { what, path: `${section}.resources`, runs, defaultLimits: bitnamiPreset(section) };
}

/** The grafana chart's containers, under `prefix` when it is a subchart. */
function grafanaContainers(prefix: string, sidecarsByDefault: boolean, runs: (release: PolicyResource) => boolean = () => true): ChartContainer[] {
    const sidecars = ["dashboards", "datasources", "alerts", "notifiers", "plugins"];
    return [
        { what: "Grafana", path: `${prefix}resources`, runs },
        {
            what: "Grafana's k8s-sidecar config sidecars",
            path: `${prefix}sidecar.resources`,
            runs: all(runs, (release) => sidecars.some((kind) => flag(`${prefix}sidecar.${kind}.enabled`, sidecarsByDefault && (kind === "dashboards" || kind === "datasources"))(release))),
        },
        { what: "Grafana's init-chown-data init container", path: `${prefix}initChownData.resources`, runs: all(runs, flag(`${prefix}persistence.enabled`, false), flag(`${prefix}initChownData.enabled`, true)) },
        { what: "Grafana's download-dashboards init container", path: `${prefix}downloadDashboards.resources`, runs: all(runs, (release) => nonEmpty(valueAt(release, `${prefix}dashboards`))) },
        { what: "Grafana's image renderer", path: `${prefix}imageRenderer.resources`, runs: all(runs, flag(`${prefix}imageRenderer.enabled`, false)) },
    ];
}

const lokiMode = (release: PolicyResource) => String(valueOr(release, "deploymentMode", "SimpleScalable"));
const lokiModes =
    (...modes: string[]) =>
    (release: PolicyResource) =>
        modes.includes(lokiMode(release));
const LOKI_SCALABLE = lokiModes("SingleBinary<->SimpleScalable", "SimpleScalable", "SimpleScalable<->Distributed");
const LOKI_DISTRIBUTED = lokiModes("Distributed", "SimpleScalable<->Distributed");
/** Loki's memcached caches without resources get a memory limit of 1.2 x allocatedMemory, and no CPU limit. */
const MEMCACHED_DEFAULT = () => ["memory"];

const prometheusOperator = flag("prometheusOperator.enabled", true);

/** Containers by chart name (the last segment of `chart`). */
export const CHART_CONTAINERS: Record<string, ChartContainer[]> = {
    "kube-prometheus-stack": [
        { what: "Prometheus", path: "prometheus.prometheusSpec.resources", runs: flag("prometheus.enabled", true) },
        { what: "Alertmanager", path: "alertmanager.alertmanagerSpec.resources", runs: flag("alertmanager.enabled", true) },
        // The operator passes these to the config-reloader containers of Prometheus and Alertmanager; 0 (no limit) when unset.
        { what: "the config reloader beside Prometheus and Alertmanager", path: "prometheusOperator.prometheusConfigReloader.resources", runs: prometheusOperator },
        { what: "the Prometheus operator", path: "prometheusOperator.resources", runs: prometheusOperator },
        {
            what: "the admission webhook's certificate jobs",
            path: "prometheusOperator.admissionWebhooks.patch.resources",
            runs: all(prometheusOperator, flag("prometheusOperator.admissionWebhooks.enabled", true), flag("prometheusOperator.admissionWebhooks.patch.enabled", true), not(flag("prometheusOperator.admissionWebhooks.certManager.enabled", false))),
        },
        { what: "the admission webhook server", path: "prometheusOperator.admissionWebhooks.deployment.resources", runs: all(prometheusOperator, flag("prometheusOperator.admissionWebhooks.deployment.enabled", false)) },
        { what: "kube-state-metrics", path: "kube-state-metrics.resources", runs: flag("kubeStateMetrics.enabled", true) },
        { what: "the node exporter", path: "prometheus-node-exporter.resources", runs: flag("nodeExporter.enabled", true) },
        { what: "the Windows exporter", path: "prometheus-windows-exporter.resources", runs: flag("windowsMonitoring.enabled", false) },
        { what: "Thanos Ruler", path: "thanosRuler.thanosRulerSpec.resources", runs: flag("thanosRuler.enabled", false) },
        // kube-prometheus-stack turns on Grafana's dashboard and data source sidecars.
        ...grafanaContainers("grafana.", true, flag("grafana.enabled", true)),
    ],
    grafana: grafanaContainers("", false),
    "kube-state-metrics": [{ what: "kube-state-metrics", path: "resources" }],
    "prometheus-node-exporter": [{ what: "the node exporter", path: "resources" }],
    loki: [
        { what: "Loki's single binary", path: "singleBinary.resources", runs: lokiModes("SingleBinary", "SingleBinary<->SimpleScalable") },
        ...["read", "write", "backend"].map((target) => ({ what: `Loki's ${target} target`, path: `${target}.resources`, runs: all(LOKI_SCALABLE, replicasAbove0(`${target}.replicas`, 3)) })),
        ...["ingester", "distributor", "querier", "queryFrontend", "queryScheduler", "indexGateway", "compactor", "ruler"].map((target) => ({
            what: `Loki's ${target}`,
            path: `${target}.resources`,
            runs: all(LOKI_DISTRIBUTED, replicasAbove0(`${target}.replicas`, 0)),
        })),
        { what: "Loki's rules sidecar", path: "sidecar.resources", runs: flag("sidecar.rules.enabled", true) },
        { what: "Loki's nginx gateway", path: "gateway.resources", runs: flag("gateway.enabled", true) },
        { what: "the Loki canary", path: "lokiCanary.resources", runs: flag("lokiCanary.enabled", true) },
        { what: "Loki's memcached chunks cache", path: "chunksCache.resources", runs: flag("chunksCache.enabled", true), defaultLimits: MEMCACHED_DEFAULT },
        { what: "Loki's memcached results cache", path: "resultsCache.resources", runs: flag("resultsCache.enabled", true), defaultLimits: MEMCACHED_DEFAULT },
        { what: "the memcached exporters beside Loki's caches", path: "memcachedExporter.resources", runs: all(flag("memcachedExporter.enabled", true), (release) => flag("chunksCache.enabled", true)(release) || flag("resultsCache.enabled", true)(release)) },
        { what: "MinIO", path: "minio.resources", runs: flag("minio.enabled", false) },
    ],
    promtail: [
        { what: "Promtail", path: "resources" },
        { what: "Promtail's config reloader", path: "sidecar.configReloader.resources", runs: flag("sidecar.configReloader.enabled", false) },
    ],
    jaeger: [
        { what: "Jaeger all-in-one", path: "allInOne.resources", runs: flag("allInOne.enabled", false) },
        { what: "the Jaeger agent", path: "agent.resources", runs: flag("agent.enabled", true) },
        { what: "the Jaeger collector", path: "collector.resources", runs: flag("collector.enabled", true) },
        { what: "the Jaeger query service", path: "query.resources", runs: flag("query.enabled", true) },
        { what: "the Jaeger query OAuth sidecar", path: "query.oAuthSidecar.resources", runs: all(flag("query.enabled", true), flag("query.oAuthSidecar.enabled", false)) },
        { what: "the Jaeger ingester", path: "ingester.resources", runs: flag("ingester.enabled", false) },
        {
            what: "the Cassandra schema job",
            path: "schema.resources",
            runs: all(flag("collector.enabled", true), (release) => String(valueOr(release, "storage.type", "cassandra")) === "cassandra", flag("storage.cassandra.schemaJobEnabled", true)),
        },
        ...["spark", "esIndexCleaner", "esRollover", "esLookback", "hotrod"].map((job) => ({ what: `Jaeger's ${job}`, path: `${job}.resources`, runs: flag(`${job}.enabled`, false) })),
        { what: "the Cassandra subchart", path: "cassandra.resources", runs: flag("provisionDataStore.cassandra", true) },
        { what: "the Elasticsearch subchart", unmodeled: true, runs: flag("provisionDataStore.elasticsearch", false) },
        { what: "the Kafka subchart", unmodeled: true, runs: flag("provisionDataStore.kafka", false) },
    ],
    "opentelemetry-collector": [{ what: "the OpenTelemetry collector", path: "resources" }],
    "external-secrets": [
        { what: "the External Secrets controller", path: "resources" },
        { what: "the External Secrets webhook", path: "webhook.resources", runs: flag("webhook.create", true) },
        { what: "the External Secrets cert controller", path: "certController.resources", runs: all(flag("certController.create", true), not(flag("webhook.certManager.enabled", false))) },
    ],
    redis: [
        bitnami("the Redis master", "master", not(flag("sentinel.enabled", false))),
        bitnami("the Redis replicas", "replica", (release) => String(valueOr(release, "architecture", "replication")) === "replication"),
        bitnami("Redis Sentinel", "sentinel", flag("sentinel.enabled", false)),
        bitnami("the Redis metrics exporter", "metrics", flag("metrics.enabled", false)),
        bitnami("the Redis volume-permissions init container", "volumePermissions", flag("volumePermissions.enabled", false)),
        bitnami("the Redis sysctl init container", "sysctl", flag("sysctl.enabled", false)),
        {
            what: "the Redis master-label updater (kubectl)",
            path: "kubectl.resources",
            runs: all(flag("sentinel.enabled", false), (release) => flag("sentinel.masterService.enabled", false)(release) || flag("sentinel.service.createMaster", false)(release)),
        },
    ],
    qdrant: [
        { what: "Qdrant", path: "resources" },
        // The chart writes this init container without any resources field.
        {
            what: "Qdrant's ensure-dir-ownership init container",
            avoid: "set updateVolumeFsOwnership: false",
            runs: all(flag("updateVolumeFsOwnership", true), (release) => Boolean(valueOr(release, "containerSecurityContext.runAsUser", 1000))),
        },
    ],
};

/** The containers a release's chart runs, or undefined when the policy does not know the chart. */
export function chartContainers(release: PolicyResource): ChartContainer[] | undefined {
    return CHART_CONTAINERS[chartName(release)]?.filter((container) => (container.runs ?? (() => true))(release));
}

/** Limits a chart container gets from the release's values: the limits set at its path, else the chart's defaults for empty resources. */
export function chartContainerLimits(release: PolicyResource, container: ChartContainer): string[] {
    if (!container.path) {
        return [];
    }
    const resources = valueAt(release, container.path);
    if (!nonEmpty(resources)) {
        return container.defaultLimits?.(release) ?? [];
    }
    const limits = (resources as Record<string, unknown>).limits;
    return limits && typeof limits === "object" ? Object.entries(limits).filter(([, value]) => value !== undefined && value !== null).map(([kind]) => kind) : [];
}

// Container deployment and service verification (10.1, 10.2.1-2).
import apiHealth from "../../../policies/voiceassist/rules/deployment/api-health";
import containerLogs from "../../../policies/voiceassist/rules/deployment/container-logs";
import containersRunning from "../../../policies/voiceassist/rules/deployment/containers-running";
import healthChecks from "../../../policies/voiceassist/rules/deployment/health-checks";
import resourceLimits from "../../../policies/voiceassist/rules/deployment/resource-limits";
import restartPolicy from "../../../policies/voiceassist/rules/deployment/restart-policy";
import workerRunning from "../../../policies/voiceassist/rules/deployment/worker-running";
import { describeRule, run } from "./cases";
import { DAEMON_JSON, Environment, UNKNOWN } from "./environment";

const WORKER = 'kubernetes:apps/v1:Deployment "worker"';

describeRule({
    rule: containersRunning,
    fails: [
        { when: "the worker runs no replica", change: (env) => env.set("worker", "spec.replicas", 0), message: `${WORKER}: Deployment voiceassist/worker runs no replica`, resource: "worker" },
        { when: "the app alerts are off", change: (env) => env.set("monitoring", "values.defaultRules", { rules: { kubernetesApps: false } }), message: "the default alert KubePodCrashLooping is switched off (defaultRules)" },
        { when: "warnings reach nobody", change: (env) => env.set("monitoring", "values.alertmanager.config.route", { receiver: "null", routes: [{ matchers: ['severity="critical"'], receiver: "pagerduty" }] }).set("monitoring", "values.alertmanager.config.receivers", [{ name: "null" }, { name: "pagerduty", pagerduty_configs: [{ routing_key: "k" }] }]), message: /alert KubePodCrashLooping is routed to receiver "null", which notifies nobody/ },
    ],
    unknown: (env) => env.set("worker", "spec.replicas", UNKNOWN),
});

describeRule({
    rule: healthChecks,
    passes: [{ when: "only the KubePodNotReady alert watches", change: (env) => env.remove("alb-unhealthy-hosts") }],
    fails: [
        { when: "the worker has no readiness probe", change: (env) => env.set("worker", "spec.template.spec.containers.0.readinessProbe", undefined), message: `${WORKER}: Deployment voiceassist/worker: container worker has no readinessProbe`, resource: "worker" },
        { when: "nobody hears of failing checks", change: (env) => { env.remove("alb-unhealthy-hosts"); env.set("monitoring", "values.defaultRules", { rules: { kubernetesApps: false } }); }, message: "no CloudWatch alarm or Prometheus alert rule watches failing health checks" },
    ],
    unknown: (env) => env.set("worker", "spec.template.spec.containers", UNKNOWN),
});

describeRule({
    rule: restartPolicy,
    fails: [
        { when: "a Deployment never restarts", change: (env) => env.set("worker", "spec.template.spec.restartPolicy", "Never"), message: `${WORKER}: Deployment voiceassist/worker sets restartPolicy Never; Always is required`, resource: "worker" },
        { when: "a bare Pod runs", change: (env) => env.add("kubernetes:core/v1:Pod", "debug", { metadata: { name: "debug", namespace: "voiceassist" }, spec: { containers: [{ name: "debug", image: "busybox" }] } }), message: /Pod voiceassist\/debug is a bare Pod/, resource: "debug" },
    ],
    unknown: (env) => env.set("worker", "spec.template.spec.restartPolicy", UNKNOWN),
});

// The chart values paths beside each chart's main container where the kit's components (and so
// environment.ts) set resources: the operator, exporter, sidecar, init container and cache paths.
const LIMITS = { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "500m", memory: "512Mi" } };
const CHART_LIMITS: Record<string, string[]> = {
    monitoring: [
        "alertmanager.alertmanagerSpec.resources",
        "prometheusOperator.resources",
        "prometheusOperator.prometheusConfigReloader.resources",
        "prometheusOperator.admissionWebhooks.patch.resources",
        "kube-state-metrics.resources",
        "prometheus-node-exporter.resources",
        "grafana.resources",
        "grafana.sidecar.resources",
        "grafana.initChownData.resources",
        "grafana.downloadDashboards.resources",
    ],
    loki: ["singleBinary.resources", "sidecar.resources", "gateway.resources", "lokiCanary.resources", "chunksCache.resources", "resultsCache.resources", "memcachedExporter.resources"],
    promtail: ["resources"],
    jaeger: ["allInOne.resources"],
    "otel-collector": ["resources"],
    "external-secrets": ["resources", "webhook.resources", "certController.resources"],
};
/** The environment without any of those limits, without Jaeger's all-in-one replacing its default deployments, and with Qdrant's ownership init container. */
const withoutChartLimits = (env: Environment) => {
    for (const [release, paths] of Object.entries(CHART_LIMITS)) {
        paths.forEach((path) => env.set(release, `values.${path}`, undefined));
    }
    ["agent", "collector", "query"].forEach((component) => env.set("jaeger", `values.${component}`, undefined));
    env.set("qdrant", "values.updateVolumeFsOwnership", undefined);
};
const release = (name: string, values: Record<string, unknown>, chart = name, namespace = "monitoring") => (env: Environment) =>
    env.add("kubernetes:helm.sh/v3:Release", name, { name, chart, version: "1.0.0", namespace, values }, {}, { provider: "k8s" });
const limitRange = (namespace: string, defaults: Record<string, string>) => (env: Environment) =>
    env.add("kubernetes:core/v1:LimitRange", `${namespace}-limits`, { metadata: { name: "defaults", namespace }, spec: { limits: [{ type: "Container", default: defaults, defaultRequest: { cpu: "50m", memory: "64Mi" } }] } }, {}, { provider: "k8s" });
const RELEASE = (name: string) => `kubernetes:helm.sh/v3:Release "${name}"`;

describeRule({
    rule: resourceLimits,
    passes: [
        { when: "Redis's metrics exporter has no resources but Bitnami's default preset", change: (env) => env.set("redis", "values.metrics.resources", undefined) },
        { when: "Redis runs standalone without replica resources", change: (env) => env.set("redis", "values.architecture", "standalone").set("redis", "values.replica.resources", undefined) },
        { when: "Loki runs without its gateway", change: (env) => env.set("loki", "values.gateway", { enabled: false }) },
        { when: "a LimitRange gives Promtail's namespace default limits", change: (env) => limitRange("monitoring", { cpu: "500m", memory: "512Mi" })(env.set("promtail", "values.resources", undefined)) },
        { when: "a chart the policy does not know runs in a namespace with default limits", change: (env) => limitRange("ingress", { cpu: "1", memory: "1Gi" })(release("ingress-nginx", {}, "ingress-nginx", "ingress")(env)) },
    ],
    fails: [
        { when: "the worker has no memory limit", change: (env) => env.set("worker", "spec.template.spec.containers.0.resources.limits", { cpu: "2" }), message: `${WORKER}: Deployment voiceassist/worker: container worker has no memory limit`, resource: "worker" },
        { when: "Qdrant has no limits", change: (env) => env.set("qdrant", "values.resources", undefined), message: `${RELEASE("qdrant")}: sets no cpu or memory limit in resources (Qdrant)`, resource: "qdrant" },
        {
            when: "Qdrant's ownership init container runs",
            change: (env) => env.set("qdrant", "values.updateVolumeFsOwnership", undefined),
            message: `${RELEASE("qdrant")}: runs Qdrant's ensure-dir-ownership init container, to which the chart gives no resources, so it has no cpu or memory limit (set updateVolumeFsOwnership: false, or give the namespace a LimitRange with default limits)`,
            resource: "qdrant",
        },
        { when: "Alertmanager has no limits", change: (env) => env.set("monitoring", "values.alertmanager.alertmanagerSpec.resources", undefined), message: `${RELEASE("monitoring")}: sets no cpu or memory limit in alertmanager.alertmanagerSpec.resources (Alertmanager)`, resource: "monitoring" },
        { when: "Grafana has only requests", change: (env) => env.set("monitoring", "values.grafana.resources", { requests: { cpu: "100m", memory: "256Mi" } }), message: `${RELEASE("monitoring")}: sets no cpu or memory limit in grafana.resources (Grafana)`, resource: "monitoring" },
        { when: "Grafana's sidecars have no limits", change: (env) => env.set("monitoring", "values.grafana.sidecar", undefined), message: /sets no cpu or memory limit in grafana\.sidecar\.resources \(Grafana's k8s-sidecar config sidecars\)/, resource: "monitoring" },
        { when: "the Prometheus operator has no limits", change: (env) => env.set("monitoring", "values.prometheusOperator.resources", undefined), message: /sets no cpu or memory limit in prometheusOperator\.resources \(the Prometheus operator\)/ },
        { when: "the node exporter has no memory limit", change: (env) => env.set("monitoring", "values.prometheus-node-exporter.resources.limits", { cpu: "200m" }), message: `${RELEASE("monitoring")}: sets no memory limit in prometheus-node-exporter.resources (the node exporter)` },
        { when: "Loki's single binary has no limits", change: (env) => env.set("loki", "values.singleBinary.resources", undefined), message: `${RELEASE("loki")}: sets no cpu or memory limit in singleBinary.resources (Loki's single binary)`, resource: "loki" },
        { when: "Loki's gateway has no limits", change: (env) => env.set("loki", "values.gateway.resources", undefined), message: /sets no cpu or memory limit in gateway\.resources \(Loki's nginx gateway\)/ },
        { when: "Loki's chunks cache keeps the chart's memory-only limit", change: (env) => env.set("loki", "values.chunksCache.resources", undefined), message: `${RELEASE("loki")}: sets no cpu limit in chunksCache.resources (Loki's memcached chunks cache)` },
        { when: "Loki runs simple-scalable without read limits", change: (env) => env.set("loki", "values.deploymentMode", "SimpleScalable").set("loki", "values.write.resources", LIMITS).set("loki", "values.backend.resources", LIMITS), message: `${RELEASE("loki")}: sets no cpu or memory limit in read.resources (Loki's read target)` },
        { when: "Promtail has no limits", change: (env) => env.set("promtail", "values.resources", undefined), message: `${RELEASE("promtail")}: sets no cpu or memory limit in resources (Promtail)`, resource: "promtail" },
        { when: "Jaeger all-in-one has no limits", change: (env) => env.set("jaeger", "values.allInOne.resources", undefined), message: `${RELEASE("jaeger")}: sets no cpu or memory limit in allInOne.resources (Jaeger all-in-one)`, resource: "jaeger" },
        { when: "Jaeger also runs its default collector", change: (env) => env.set("jaeger", "values.collector.enabled", undefined), message: `${RELEASE("jaeger")}: sets no cpu or memory limit in collector.resources (the Jaeger collector)` },
        { when: "Jaeger provisions Elasticsearch", change: (env) => env.set("jaeger", "values.provisionDataStore.elasticsearch", true), message: `${RELEASE("jaeger")}: runs the Elasticsearch subchart, whose containers' limits cannot be shown` },
        { when: "the OTel collector has only a memory limit", change: (env) => env.set("otel-collector", "values.resources.limits", { memory: "1Gi" }), message: `${RELEASE("otel-collector")}: sets no cpu limit in resources (the OpenTelemetry collector)`, resource: "otel-collector" },
        { when: "Redis's metrics exporter has only requests", change: (env) => env.set("redis", "values.metrics.resources", { requests: { cpu: "50m", memory: "64Mi" } }), message: `${RELEASE("redis")}: sets no cpu or memory limit in metrics.resources (the Redis metrics exporter)`, resource: "redis" },
        { when: "the External Secrets webhook has no limits", change: (env) => env.set("external-secrets", "values.webhook.resources", undefined), message: `${RELEASE("external-secrets")}: sets no cpu or memory limit in webhook.resources (the External Secrets webhook)`, resource: "external-secrets" },
        { when: "Redis's replicas have no limits", change: (env) => env.set("redis", "values.replica.resources", { requests: { cpu: "250m" } }), message: /sets no cpu or memory limit in replica\.resources \(the Redis replicas\)/ },
        {
            when: "a chart the policy does not know is installed",
            change: release("ingress-nginx", { controller: { resources: LIMITS } }),
            message: /^kubernetes:helm\.sh\/v3:Release "ingress-nginx": installs chart ingress-nginx, whose containers' limits cannot be shown: the policy knows where kube-prometheus-stack, .* take resources from; give the release's namespace a LimitRange with default cpu and memory limits$/,
            resource: "ingress-nginx",
        },
        { when: "a LimitRange defaults only memory", change: (env) => limitRange("monitoring", { memory: "512Mi" })(env.set("promtail", "values.resources", undefined)), message: `${RELEASE("promtail")}: sets no cpu limit in resources (Promtail)` },
        { when: "only another namespace has a LimitRange", change: (env) => limitRange("data", { cpu: "1", memory: "1Gi" })(env.set("promtail", "values.resources", undefined)), message: /sets no cpu or memory limit in resources \(Promtail\)/ },
        {
            when: "a bare Pod has no limits",
            change: (env) => env.add("kubernetes:core/v1:Pod", "debug", { metadata: { name: "debug", namespace: "voiceassist" }, spec: { containers: [{ name: "shell", image: "busybox:1.36" }] } }, {}, { provider: "k8s" }),
            message: 'kubernetes:core/v1:Pod "debug": Pod voiceassist/debug: container shell has no cpu or memory limit',
            resource: "debug",
        },
    ],
    unknown: (env) => env.set("worker", "spec.template.spec.containers", UNKNOWN),
});

it("resource-limits relies on Bitnami's preset for Redis's metrics exporter only while the preset is on", async () => {
    const result = await run(resourceLimits, (env) => env.set("redis", "values.metrics.resources", undefined).set("redis", "values.metrics.resourcesPreset", "none"));
    expect(result.violations.map((violation) => violation.message)).toEqual([`${RELEASE("redis")}: sets no cpu or memory limit in metrics.resources (the Redis metrics exporter)`]);
});

it("resource-limits fails the environment without the kit's chart limits, at every path the kit sets", async () => {
    const result = await run(resourceLimits, withoutChartLimits);
    const paths = result.violations.map((violation) => /^kubernetes:helm\.sh\/v3:Release "([^"]+)": (?:sets no [a-z ]+ limit in (\S+)|runs (.+?),)/.exec(violation.message)!.slice(1).filter(Boolean).join(" "));
    const expected = [
        ...Object.entries(CHART_LIMITS).flatMap(([name, list]) => list.map((path) => `${name} ${path}`)),
        ...["agent", "collector", "query"].map((component) => `jaeger ${component}.resources`),
        "qdrant Qdrant's ensure-dir-ownership init container",
    ];
    expect(paths.sort()).toEqual(expected.sort());
});

it("resource-limits is unknown, not passed, when a release's values are unknown", async () => {
    const result = await run(resourceLimits, (env) => env.set("loki", "values", UNKNOWN));
    expect(result.violations).toEqual([]);
    expect(result.unknown).toEqual(["va-10.1.5-resource-limits"]);
});

describeRule({
    rule: containerLogs,
    fails: [
        { when: "logs grow to 100 MB", change: (env) => env.editFile("/etc/docker/daemon.json", () => JSON.stringify({ ...DAEMON_JSON, "log-opts": { "max-size": "100m", "max-file": "3" } })), message: 'aws:ec2/launchTemplate:LaunchTemplate "app-lt": sets Docker max-size to 100m; 10m is required' },
        { when: "no daemon.json is written", change: (env) => env.removeFile("/etc/docker/daemon.json"), message: /writes no \/etc\/docker\/daemon\.json/ },
    ],
    unknown: (env) => env.set("app-lt", "userData", UNKNOWN),
});

describeRule({
    rule: apiHealth,
    fails: [
        { when: "the target group checks /", change: (env) => env.set("app-web", "healthCheck.path", "/"), message: 'aws:lb/targetGroup:TargetGroup "app-web": health-checks / instead of /health', resource: "app-web" },
        { when: "the API is not probed on /health", change: (env) => env.set("api-gateway", "spec.template.spec.containers.0.readinessProbe.httpGet.path", "/ready"), message: /has no HTTP readiness probe on \/health/ },
        { when: "no alarm watches healthy hosts", change: (env) => env.remove("alb-healthy-hosts"), message: "no CloudWatch alarm watches healthy API hosts" },
    ],
    unknown: (env) => env.set("app-web", "healthCheck", UNKNOWN),
});

describeRule({
    rule: workerRunning,
    fails: [
        { when: "there is no worker", change: (env) => env.remove("worker", "worker-policy", "worker-monitor"), message: "no worker workload runs the background worker" },
        { when: "the worker has no liveness probe", change: (env) => env.set("worker", "spec.template.spec.containers.0.livenessProbe", undefined), message: `${WORKER}: Deployment voiceassist/worker has a container without a livenessProbe` },
    ],
    unknown: (env) => env.set("worker", "spec.replicas", UNKNOWN),
});

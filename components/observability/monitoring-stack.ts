// Metrics, logs, traces and alerting on an EKS cluster, from pinned upstream charts:
// kube-prometheus-stack (Prometheus with 30-day retention and the application's alert rules,
// Alertmanager routing to PagerDuty, Slack and e-mail, Grafana with a generated admin password,
// SMTP, Prometheus/Loki/Jaeger data sources and the dashboards), Loki with retention on an
// encrypted bucket, Promtail shipping every pod's logs, Jaeger and an OpenTelemetry collector.
// Receiver secrets never pass through the program: operators put them in Secrets Manager and
// the External Secrets Operator mounts them into Alertmanager. Every container of every chart has
// resource limits; the releases holding volumes are protected and kept if removed from the program.
import * as pulumi from "@pulumi/pulumi";
import * as iam from "@pulumi/aws/iam";
import * as random from "@pulumi/random";
import { CustomResource } from "@pulumi/kubernetes/apiextensions/customResource";
import { Secret } from "@pulumi/kubernetes/core/v1/secret";
import { Release } from "@pulumi/kubernetes/helm/v3/release";
import { NetworkPolicy } from "@pulumi/kubernetes/networking/v1/networkPolicy";
import type * as k8sInputs from "@pulumi/kubernetes/types/input";

export interface AlertRule {
    alert: string;
    expr: string;
    for: string;
    labels: { severity: "critical" | "warning" };
    annotations?: Record<string, string>;
}

export interface MonitoringStackArgs {
    readonly namespace: pulumi.Input<string>;
    readonly storageClassName: pulumi.Input<string>;
    readonly region: string;
    /** Days Prometheus keeps metrics. Default 30. */
    readonly metricsRetentionDays?: number;
    /** Days Loki keeps logs. Default 31. */
    readonly logRetentionDays?: number;
    readonly alertRules: AlertRule[];
    /** Grafana dashboards by name (JSON models). */
    readonly dashboards: Record<string, Record<string, unknown>>;
    readonly alertEmail: string;
    readonly slackChannel: string;
    /** SMTP relay (e.g. SES) for Alertmanager and Grafana. */
    readonly smtp: { readonly host: string; readonly from: string; readonly username: pulumi.Input<string>; readonly password: pulumi.Input<string> };
    /** Secrets Manager secret (JSON with pagerduty-routing-key, slack-webhook-url) and the store that syncs it. */
    readonly receiversSecretName: pulumi.Input<string>;
    readonly secretStoreName: pulumi.Input<string>;
    /** Bucket for Loki's chunks and the cluster's OIDC provider for Loki's role. */
    readonly logBucket: { readonly name: pulumi.Input<string>; readonly arn: pulumi.Input<string> };
    readonly oidcProvider: { readonly arn: pulumi.Input<string>; readonly url: pulumi.Input<string> };
    readonly kmsKeyArn: pulumi.Input<string>;
    /**
     * Network of the nodes and the control plane (the VPC block): Prometheus scrapes the kubelets
     * and node exporters there, and the API server calls the Prometheus operator's webhook from it.
     */
    readonly clusterCidr: pulumi.Input<string>;
    readonly labels: Record<string, string>;
}

export const CHARTS = {
    prometheus: { chart: "kube-prometheus-stack", repo: "https://prometheus-community.github.io/helm-charts", version: "65.1.1" },
    loki: { chart: "loki", repo: "https://grafana.github.io/helm-charts", version: "6.16.0" },
    promtail: { chart: "promtail", repo: "https://grafana.github.io/helm-charts", version: "6.16.6" },
    jaeger: { chart: "jaeger", repo: "https://jaegertracing.github.io/helm-charts", version: "3.3.1" },
    otel: { chart: "opentelemetry-collector", repo: "https://open-telemetry.github.io/opentelemetry-helm-charts", version: "0.108.0" },
};

const RECEIVER_SECRETS = "/etc/alertmanager/secrets/alertmanager-receivers";
/** The port of the Prometheus operator's admission webhook (prometheusOperator.tls.internalPort). */
const OPERATOR_WEBHOOK_PORT = 10250;
const SMTP_SECRETS = "/etc/alertmanager/secrets/alertmanager-smtp";

/** Alertmanager's routing: critical to PagerDuty, critical and warning to Slack and e-mail. */
export function alertmanagerConfig(args: Pick<MonitoringStackArgs, "alertEmail" | "slackChannel" | "smtp">): Record<string, unknown> {
    return {
        // Alertmanager has no smtp_auth_username_file; the SES user name is an access key id, not a secret.
        global: { smtp_smarthost: args.smtp.host, smtp_from: args.smtp.from, smtp_auth_username: args.smtp.username, smtp_auth_password_file: `${SMTP_SECRETS}/password`, smtp_require_tls: true, resolve_timeout: "5m" },
        route: {
            receiver: "email",
            group_by: ["alertname", "namespace"],
            group_wait: "30s",
            group_interval: "5m",
            repeat_interval: "4h",
            routes: [
                // The always-firing Watchdog alert feeds a dead man's switch, which pages when it stops.
                { matchers: ['alertname="Watchdog"'], receiver: "heartbeat", repeat_interval: "1m" },
                { matchers: ['severity="critical"'], receiver: "pagerduty", continue: true },
                { matchers: ['severity=~"critical|warning"'], receiver: "slack", continue: true },
                { matchers: ['severity=~"critical|warning"'], receiver: "email" },
            ],
        },
        receivers: [
            { name: "heartbeat", webhook_configs: [{ url_file: `${RECEIVER_SECRETS}/heartbeat-url`, send_resolved: false }] },
            { name: "pagerduty", pagerduty_configs: [{ routing_key_file: `${RECEIVER_SECRETS}/pagerduty-routing-key`, send_resolved: true }] },
            { name: "slack", slack_configs: [{ api_url_file: `${RECEIVER_SECRETS}/slack-webhook-url`, channel: args.slackChannel, send_resolved: true }] },
            { name: "email", email_configs: [{ to: args.alertEmail, send_resolved: true }] },
        ],
    };
}

export class MonitoringStack extends pulumi.ComponentResource {
    readonly grafanaAdminPassword: random.RandomPassword;
    readonly prometheus: Release;

    constructor(name: string, args: MonitoringStackArgs, opts?: pulumi.ComponentResourceOptions) {
        super("readiness:observability:MonitoringStack", name, {}, opts);
        const parent = { parent: this };
        const labels = args.labels;
        const storage = (size: string) => ({ volumeClaimTemplate: { spec: { storageClassName: args.storageClassName, accessModes: ["ReadWriteOnce"], resources: { requests: { storage: size } } } } });
        const limits = (cpu: [string, string], memory: [string, string]) => ({ requests: { cpu: cpu[0], memory: memory[0] }, limits: { cpu: cpu[1], memory: memory[1] } });
        // Releases owning volumes (Prometheus, Alertmanager, Grafana; Loki) stay with their data if removed from the program.
        const stateful = { ...parent, protect: true, retainOnDelete: true };

        // Receiver secrets, synced from Secrets Manager; SMTP credentials, generated by the program.
        new CustomResource(
            `${name}-receivers`,
            {
                apiVersion: "external-secrets.io/v1beta1",
                kind: "ExternalSecret",
                metadata: { name: "alertmanager-receivers", namespace: args.namespace, labels },
                spec: {
                    refreshInterval: "1h",
                    secretStoreRef: { name: args.secretStoreName, kind: "ClusterSecretStore" },
                    target: { name: "alertmanager-receivers", creationPolicy: "Owner" },
                    data: ["pagerduty-routing-key", "slack-webhook-url", "heartbeat-url"].map((key) => ({ secretKey: key, remoteRef: { key: args.receiversSecretName, property: key } })),
                },
            },
            parent,
        );
        new Secret(`${name}-alertmanager-smtp`, { metadata: { name: "alertmanager-smtp", namespace: args.namespace, labels }, type: "Opaque", stringData: { password: args.smtp.password } }, parent);
        const grafanaSmtp = new Secret(`${name}-grafana-smtp`, { metadata: { name: "grafana-smtp", namespace: args.namespace, labels }, type: "Opaque", stringData: { user: args.smtp.username, password: args.smtp.password } }, parent);
        this.grafanaAdminPassword = new random.RandomPassword(`${name}-grafana-admin`, { length: 32, special: false }, parent);

        // The namespace denies everything by default. Flows: inside the namespace, everything
        // (Grafana -> Prometheus/Loki/Jaeger, Promtail -> Loki, OTel -> Jaeger, Prometheus -> its
        // own targets); Prometheus -> scrape targets in every namespace (whose policies admit it on
        // their metrics ports) and the kubelets and node exporters on the nodes; every pod -> HTTPS
        // (API server, S3/STS for Loki, PagerDuty/Slack/heartbeat) and SMTP submission (SES);
        // workloads anywhere -> the OTel collector (OTLP); API server -> the operator's webhook.
        const namespaceWide = (part: string, spec: k8sInputs.networking.v1.NetworkPolicySpec) => new NetworkPolicy(`${name}-${part}`, { metadata: { name: `monitoring-${part}`, namespace: args.namespace, labels }, spec }, parent);
        const policies = [
            namespaceWide("internal", { podSelector: {}, policyTypes: ["Ingress", "Egress"], ingress: [{ from: [{ podSelector: {} }] }], egress: [{ to: [{ podSelector: {} }] }] }),
            namespaceWide("egress", {
                podSelector: {},
                policyTypes: ["Egress"],
                egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ port: 443, protocol: "TCP" }, { port: 587, protocol: "TCP" }] }],
            }),
            namespaceWide("scrape", {
                podSelector: { matchLabels: { "app.kubernetes.io/name": "prometheus" } },
                policyTypes: ["Egress"],
                egress: [
                    { to: [{ namespaceSelector: {} }] },
                    // Kubelets (cAdvisor), the node exporter and kube-proxy, which run on the host network.
                    { to: [{ ipBlock: { cidr: args.clusterCidr } }], ports: [{ port: 10250, protocol: "TCP" }, { port: 9100, protocol: "TCP" }, { port: 10249, protocol: "TCP" }] },
                ],
            }),
            namespaceWide("otlp", {
                podSelector: { matchLabels: { "app.kubernetes.io/name": "opentelemetry-collector" } },
                policyTypes: ["Ingress"],
                ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ port: 4317, protocol: "TCP" }, { port: 4318, protocol: "TCP" }] }],
            }),
            namespaceWide("operator-webhook", {
                podSelector: { matchLabels: { app: "kube-prometheus-stack-operator" } },
                policyTypes: ["Ingress"],
                ingress: [{ from: [{ ipBlock: { cidr: args.clusterCidr } }], ports: [{ port: OPERATOR_WEBHOOK_PORT, protocol: "TCP" }] }],
            }),
        ];

        this.prometheus = new Release(
            `${name}-prometheus`,
            {
                name: "monitoring",
                chart: CHARTS.prometheus.chart,
                repositoryOpts: { repo: CHARTS.prometheus.repo },
                version: CHARTS.prometheus.version,
                namespace: args.namespace,
                atomic: true,
                values: {
                    commonLabels: labels,
                    prometheusOperator: {
                        resources: limits(["100m", "500m"], ["128Mi", "512Mi"]),
                        prometheusConfigReloader: { resources: limits(["10m", "200m"], ["32Mi", "128Mi"]) },
                        admissionWebhooks: { patch: { resources: limits(["10m", "100m"], ["32Mi", "128Mi"]) } },
                    },
                    "kube-state-metrics": { resources: limits(["50m", "500m"], ["128Mi", "512Mi"]) },
                    "prometheus-node-exporter": { resources: limits(["50m", "250m"], ["64Mi", "256Mi"]) },
                    // EKS runs the control plane out of reach: scraping it would only fire its *Down alerts forever.
                    kubeControllerManager: { enabled: false },
                    kubeScheduler: { enabled: false },
                    kubeEtcd: { enabled: false },
                    prometheus: {
                        prometheusSpec: {
                            retention: `${args.metricsRetentionDays ?? 30}d`,
                            retentionSize: "90GB",
                            serviceMonitorSelectorNilUsesHelmValues: false,
                            podMonitorSelectorNilUsesHelmValues: false,
                            ruleSelectorNilUsesHelmValues: false,
                            storageSpec: storage("100Gi"),
                            resources: { requests: { cpu: "1", memory: "4Gi" }, limits: { cpu: "2", memory: "8Gi" } },
                        },
                    },
                    alertmanager: {
                        config: alertmanagerConfig(args),
                        alertmanagerSpec: { storage: storage("10Gi"), secrets: ["alertmanager-receivers", "alertmanager-smtp"], resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } } },
                    },
                    grafana: {
                        adminPassword: this.grafanaAdminPassword.result,
                        persistence: { enabled: true, storageClassName: args.storageClassName, size: "10Gi" },
                        resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "1", memory: "1Gi" } },
                        sidecar: { resources: limits(["50m", "200m"], ["64Mi", "256Mi"]) },
                        initChownData: { resources: limits(["10m", "100m"], ["32Mi", "64Mi"]) },
                        downloadDashboards: { resources: limits(["10m", "100m"], ["32Mi", "64Mi"]) },
                        "grafana.ini": { smtp: { enabled: true, host: args.smtp.host, from_address: args.smtp.from, startTLS_policy: "MandatoryStartTLS" }, users: { allow_sign_up: false }, auth: { disable_login_form: false }, security: { cookie_secure: true, disable_initial_admin_creation: false } },
                        smtp: { existingSecret: grafanaSmtp.metadata.name, userKey: "user", passwordKey: "password" },
                        additionalDataSources: [
                            { name: "Loki", type: "loki", url: pulumi.interpolate`http://loki-gateway.${args.namespace}.svc`, access: "proxy" },
                            { name: "Jaeger", type: "jaeger", url: pulumi.interpolate`http://jaeger-query.${args.namespace}.svc:16686`, access: "proxy" },
                        ],
                        dashboardProviders: { "dashboardproviders.yaml": { apiVersion: 1, providers: [{ name: "voiceassist", folder: "VoiceAssist", type: "file", options: { path: "/var/lib/grafana/dashboards/voiceassist" } }] } },
                        dashboards: { voiceassist: Object.fromEntries(Object.entries(args.dashboards).map(([dashboard, model]) => [dashboard, { json: JSON.stringify(model) }])) },
                    },
                    additionalPrometheusRulesMap: { application: { groups: [{ name: "application", rules: args.alertRules }] } },
                },
            },
            { ...stateful, dependsOn: policies },
        );

        const lokiRole = new iam.Role(
            `${name}-loki`,
            {
                assumeRolePolicy: pulumi.all([args.oidcProvider.arn, args.oidcProvider.url, args.namespace]).apply(([arn, url, namespace]) =>
                    JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Federated: arn }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { [`${url.replace("https://", "")}:sub`]: `system:serviceaccount:${namespace}:loki` } } }] }),
                ),
            },
            parent,
        );
        new iam.RolePolicy(
            `${name}-loki`,
            {
                role: lokiRole.id,
                policy: pulumi.all([args.logBucket.arn, args.kmsKeyArn]).apply(([bucket, key]) =>
                    JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [
                            { Effect: "Allow", Action: ["s3:ListBucket"], Resource: bucket },
                            { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: `${bucket}/*` },
                            { Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: key },
                        ],
                    }),
                ),
            },
            parent,
        );
        new Release(
            `${name}-loki`,
            {
                name: "loki",
                chart: CHARTS.loki.chart,
                repositoryOpts: { repo: CHARTS.loki.repo },
                version: CHARTS.loki.version,
                namespace: args.namespace,
                atomic: true,
                values: {
                    deploymentMode: "SingleBinary",
                    serviceAccount: { name: "loki", annotations: { "eks.amazonaws.com/role-arn": lokiRole.arn } },
                    loki: {
                        auth_enabled: false,
                        commonConfig: { replication_factor: 1 },
                        schemaConfig: { configs: [{ from: "2024-01-01", store: "tsdb", object_store: "s3", schema: "v13", index: { prefix: "index_", period: "24h" } }] },
                        storage: { type: "s3", bucketNames: { chunks: args.logBucket.name, ruler: args.logBucket.name }, s3: { region: args.region, sse: { type: "SSE-KMS", kms_key_id: args.kmsKeyArn } } },
                        limits_config: { retention_period: `${(args.logRetentionDays ?? 31) * 24}h` },
                        compactor: { retention_enabled: true, delete_request_store: "s3" },
                    },
                    singleBinary: { replicas: 1, persistence: { enabled: true, storageClass: args.storageClassName, size: "20Gi" }, resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "2", memory: "4Gi" } } },
                    read: { replicas: 0 },
                    write: { replicas: 0 },
                    backend: { replicas: 0 },
                    gateway: { resources: limits(["50m", "500m"], ["64Mi", "256Mi"]) },
                    lokiCanary: { resources: limits(["10m", "100m"], ["32Mi", "128Mi"]) },
                    // The rules sidecar beside the single binary.
                    sidecar: { resources: limits(["10m", "100m"], ["64Mi", "256Mi"]) },
                    // memcached is started with -m allocatedMemory (MB), so the memory limit leaves 20% above it (the chart's own formula).
                    chunksCache: { allocatedMemory: 2048, resources: limits(["100m", "1"], ["2458Mi", "2458Mi"]) },
                    resultsCache: { allocatedMemory: 1024, resources: limits(["100m", "500m"], ["1229Mi", "1229Mi"]) },
                    memcachedExporter: { resources: limits(["10m", "100m"], ["32Mi", "64Mi"]) },
                },
            },
            { ...stateful, dependsOn: policies },
        );
        new Release(
            `${name}-promtail`,
            {
                name: "promtail",
                chart: CHARTS.promtail.chart,
                repositoryOpts: { repo: CHARTS.promtail.repo },
                version: CHARTS.promtail.version,
                namespace: args.namespace,
                values: { config: { clients: [{ url: pulumi.interpolate`http://loki-gateway.${args.namespace}.svc/loki/api/v1/push` }] }, resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } } },
            },
            { ...parent, dependsOn: policies },
        );
        new Release(
            `${name}-jaeger`,
            {
                name: "jaeger",
                chart: CHARTS.jaeger.chart,
                repositoryOpts: { repo: CHARTS.jaeger.repo },
                version: CHARTS.jaeger.version,
                namespace: args.namespace,
                values: {
                    provisionDataStore: { cassandra: false },
                    allInOne: { enabled: true, resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "1", memory: "2Gi" } } },
                    storage: { type: "memory" },
                    agent: { enabled: false },
                    collector: { enabled: false },
                    query: { enabled: false },
                },
            },
            { ...parent, dependsOn: policies },
        );
        new Release(
            `${name}-otel-collector`,
            {
                name: "otel-collector",
                chart: CHARTS.otel.chart,
                repositoryOpts: { repo: CHARTS.otel.repo },
                version: CHARTS.otel.version,
                namespace: args.namespace,
                values: {
                    mode: "deployment",
                    image: { repository: "otel/opentelemetry-collector-contrib" },
                    resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "1", memory: "1Gi" } },
                    config: {
                        receivers: { otlp: { protocols: { grpc: { endpoint: "0.0.0.0:4317" }, http: { endpoint: "0.0.0.0:4318" } } } },
                        processors: { batch: {}, memory_limiter: { check_interval: "1s", limit_percentage: 80, spike_limit_percentage: 20 } },
                        exporters: { "otlp/jaeger": { endpoint: pulumi.interpolate`jaeger-collector.${args.namespace}.svc:4317`, tls: { insecure: true } } },
                        service: { pipelines: { traces: { receivers: ["otlp"], processors: ["memory_limiter", "batch"], exporters: ["otlp/jaeger"] } } },
                    },
                },
            },
            { ...parent, dependsOn: policies },
        );
        this.registerOutputs({});
    }
}

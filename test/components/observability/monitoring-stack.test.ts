import { Provider } from "@pulumi/kubernetes/provider";
import { CHARTS, MonitoringStack, alertmanagerConfig } from "../../../components/observability/monitoring-stack";
import { RecordingSession } from "../../../gate/program";
import { ALERT_RULES, DASHBOARDS } from "../../../stacks/voiceassist-workloads";
import { inputsOf, named, ofType, recordingMocks } from "../../helpers/mocks";

let session: RecordingSession;
const SECRET = "4dabf18193072939515e22adb298388d";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const labels = { "readiness/blueprint": "voiceassist" };
const limits = (cpu: [string, string], memory: [string, string]) => ({ requests: { cpu: cpu[0], memory: memory[0] }, limits: { cpu: cpu[1], memory: memory[1] } });
const claim = (size: string) => ({ volumeClaimTemplate: { spec: { storageClassName: "gp3-encrypted", accessModes: ["ReadWriteOnce"], resources: { requests: { storage: size } } } } });
const smtp = { host: "email-smtp.us-east-1.amazonaws.com:587", from: "alerts@example.com", username: "AKIAEXAMPLE", password: "smtp-password" };

beforeAll(async () => {
    session = await recordingMocks();
    new MonitoringStack(
        "mon",
        {
            namespace: "monitoring",
            storageClassName: "gp3-encrypted",
            region: "us-east-1",
            alertRules: ALERT_RULES,
            dashboards: DASHBOARDS,
            alertEmail: "ops@example.com",
            slackChannel: "#alerts",
            smtp,
            receiversSecretName: "va/alert-receivers",
            secretStoreName: "aws-secrets-manager",
            logBucket: { name: "logs", arn: "arn:aws:s3:::logs" },
            oidcProvider: { arn: "arn:oidc", url: "https://oidc.example/id/X" },
            kmsKeyArn: "arn:key",
            clusterCidr: "10.30.0.0/16",
            labels,
        },
        { provider: new Provider("k8s", { kubeconfig: "{}" }) },
    );
    await session.settle();
});

const policyUrns = () => ["internal", "egress", "scrape", "otlp", "operator-webhook"].map((part) => named(session, POLICY, `mon-${part}`).urn);

describe("MonitoringStack", () => {
    it("installs kube-prometheus-stack with 30-day retention on encrypted volumes, limits on every container, protected and retained", () => {
        const prometheus = named(session, RELEASE, "mon-prometheus");
        expect(prometheus.options.protect).toBe(true);
        expect(prometheus.options.retainOnDelete).toBe(true);
        expect(prometheus.dependencies).toEqual(expect.arrayContaining(policyUrns()));
        expect(inputsOf(prometheus)).toMatchObject({ name: "monitoring", chart: CHARTS.prometheus.chart, repositoryOpts: { repo: CHARTS.prometheus.repo }, version: "65.1.1", namespace: "monitoring", atomic: true });
        const values = inputsOf(prometheus).values as Record<string, Record<string, unknown>>;
        const { grafana, alertmanager, additionalPrometheusRulesMap, ...rest } = values;
        expect(rest).toEqual({
            commonLabels: labels,
            prometheusOperator: {
                resources: limits(["100m", "500m"], ["128Mi", "512Mi"]),
                prometheusConfigReloader: { resources: limits(["10m", "200m"], ["32Mi", "128Mi"]) },
                admissionWebhooks: { patch: { resources: limits(["10m", "100m"], ["32Mi", "128Mi"]) } },
            },
            "kube-state-metrics": { resources: limits(["50m", "500m"], ["128Mi", "512Mi"]) },
            "prometheus-node-exporter": { resources: limits(["50m", "250m"], ["64Mi", "256Mi"]) },
            kubeControllerManager: { enabled: false },
            kubeScheduler: { enabled: false },
            kubeEtcd: { enabled: false },
            prometheus: {
                prometheusSpec: {
                    retention: "30d",
                    retentionSize: "90GB",
                    serviceMonitorSelectorNilUsesHelmValues: false,
                    podMonitorSelectorNilUsesHelmValues: false,
                    ruleSelectorNilUsesHelmValues: false,
                    storageSpec: claim("100Gi"),
                    resources: limits(["1", "2"], ["4Gi", "8Gi"]),
                },
            },
        });
        expect(alertmanager).toEqual({
            config: alertmanagerConfig({ alertEmail: "ops@example.com", slackChannel: "#alerts", smtp }),
            alertmanagerSpec: { storage: claim("10Gi"), secrets: ["alertmanager-receivers", "alertmanager-smtp"], resources: limits(["100m", "500m"], ["256Mi", "512Mi"]) },
        });
        expect(additionalPrometheusRulesMap).toEqual({ application: { groups: [{ name: "application", rules: ALERT_RULES }] } });
        expect(ALERT_RULES.map((rule) => rule.alert)).toEqual(expect.arrayContaining(["ApiLatencyP95High", "RedisCacheHitRateLow", "PostgresReplicationLagHigh"]));
        expect(grafana.persistence).toEqual({ enabled: true, storageClassName: "gp3-encrypted", size: "10Gi" });
    });

    it("gives Grafana a generated admin password, kept secret, SMTP from a Secret, the data sources, seven dashboards and limits on its side containers", () => {
        const prometheus = named(session, RELEASE, "mon-prometheus");
        const wire = (prometheus.inputs.values as Record<string, Record<string, unknown>>).grafana;
        expect(typeof wire.adminPassword === "object" && wire.adminPassword !== null && SECRET in (wire.adminPassword as object)).toBe(true);
        expect(inputsOf(named(session, "random:index/randomPassword:RandomPassword", "mon-grafana-admin"))).toEqual({ length: 32, special: false });
        const { adminPassword, dashboards, ...grafana } = (inputsOf(prometheus).values as Record<string, Record<string, unknown>>).grafana;
        expect(adminPassword).toHaveLength(32);
        expect(grafana).toEqual({
            persistence: { enabled: true, storageClassName: "gp3-encrypted", size: "10Gi" },
            resources: limits(["100m", "1"], ["256Mi", "1Gi"]),
            sidecar: { resources: limits(["50m", "200m"], ["64Mi", "256Mi"]) },
            initChownData: { resources: limits(["10m", "100m"], ["32Mi", "64Mi"]) },
            downloadDashboards: { resources: limits(["10m", "100m"], ["32Mi", "64Mi"]) },
            "grafana.ini": {
                smtp: { enabled: true, host: smtp.host, from_address: smtp.from, startTLS_policy: "MandatoryStartTLS" },
                users: { allow_sign_up: false },
                auth: { disable_login_form: false },
                security: { cookie_secure: true, disable_initial_admin_creation: false },
            },
            smtp: { existingSecret: "grafana-smtp", userKey: "user", passwordKey: "password" },
            additionalDataSources: [
                { name: "Loki", type: "loki", url: "http://loki-gateway.monitoring.svc", access: "proxy" },
                { name: "Jaeger", type: "jaeger", url: "http://jaeger-query.monitoring.svc:16686", access: "proxy" },
            ],
            dashboardProviders: { "dashboardproviders.yaml": { apiVersion: 1, providers: [{ name: "voiceassist", folder: "VoiceAssist", type: "file", options: { path: "/var/lib/grafana/dashboards/voiceassist" } }] } },
        });
        expect(Object.keys((dashboards as Record<string, object>).voiceassist)).toHaveLength(7);
        const grafanaSmtp = named(session, "kubernetes:core/v1:Secret", "mon-grafana-smtp");
        expect(inputsOf(grafanaSmtp).stringData).toEqual({ user: "AKIAEXAMPLE", password: "smtp-password" });
    });

    it("routes alerts to PagerDuty, Slack and e-mail from mounted secrets; the SMTP user name inline (Alertmanager has no username file), the password from its file", () => {
        const config = alertmanagerConfig({ alertEmail: "ops@example.com", slackChannel: "#alerts", smtp: { host: "h:587", from: "f@example.com", username: "u", password: "p" } });
        expect(config.global).toEqual({ smtp_smarthost: "h:587", smtp_from: "f@example.com", smtp_auth_username: "u", smtp_auth_password_file: "/etc/alertmanager/secrets/alertmanager-smtp/password", smtp_require_tls: true, resolve_timeout: "5m" });
        expect(JSON.stringify(config)).not.toMatch(/"routing_key"|"api_url"|smtp_auth_password"|_username_file/);
        expect(config.receivers).toEqual([
            { name: "heartbeat", webhook_configs: [{ url_file: "/etc/alertmanager/secrets/alertmanager-receivers/heartbeat-url", send_resolved: false }] },
            { name: "pagerduty", pagerduty_configs: [{ routing_key_file: "/etc/alertmanager/secrets/alertmanager-receivers/pagerduty-routing-key", send_resolved: true }] },
            { name: "slack", slack_configs: [{ api_url_file: "/etc/alertmanager/secrets/alertmanager-receivers/slack-webhook-url", channel: "#alerts", send_resolved: true }] },
            { name: "email", email_configs: [{ to: "ops@example.com", send_resolved: true }] },
        ]);
        const external = inputsOf(named(session, "kubernetes:external-secrets.io/v1beta1:ExternalSecret", "mon-receivers")) as { spec: Record<string, unknown> };
        expect(external.spec).toMatchObject({ secretStoreRef: { name: "aws-secrets-manager", kind: "ClusterSecretStore" }, target: { name: "alertmanager-receivers" } });
        const mounted = named(session, "kubernetes:core/v1:Secret", "mon-alertmanager-smtp");
        expect(inputsOf(mounted)).toEqual({ apiVersion: "v1", kind: "Secret", metadata: { name: "alertmanager-smtp", namespace: "monitoring", labels }, type: "Opaque", stringData: { password: "smtp-password" } });
    });

    it("keeps logs in Loki 31 days on the encrypted bucket, with limits on every container, protected and retained", () => {
        const loki = named(session, RELEASE, "mon-loki");
        expect(loki.options.protect).toBe(true);
        expect(loki.options.retainOnDelete).toBe(true);
        expect(loki.dependencies).toEqual(expect.arrayContaining(policyUrns()));
        expect(inputsOf(loki)).toMatchObject({ name: "loki", chart: "loki", version: "6.16.0", namespace: "monitoring", atomic: true });
        expect(inputsOf(loki).values).toEqual({
            deploymentMode: "SingleBinary",
            serviceAccount: { name: "loki", annotations: { "eks.amazonaws.com/role-arn": expect.stringMatching(/^arn:aws:iam:/) } },
            loki: {
                auth_enabled: false,
                commonConfig: { replication_factor: 1 },
                schemaConfig: { configs: [{ from: "2024-01-01", store: "tsdb", object_store: "s3", schema: "v13", index: { prefix: "index_", period: "24h" } }] },
                storage: { type: "s3", bucketNames: { chunks: "logs", ruler: "logs" }, s3: { region: "us-east-1", sse: { type: "SSE-KMS", kms_key_id: "arn:key" } } },
                limits_config: { retention_period: "744h" },
                compactor: { retention_enabled: true, delete_request_store: "s3" },
            },
            singleBinary: { replicas: 1, persistence: { enabled: true, storageClass: "gp3-encrypted", size: "20Gi" }, resources: limits(["500m", "2"], ["1Gi", "4Gi"]) },
            read: { replicas: 0 },
            write: { replicas: 0 },
            backend: { replicas: 0 },
            gateway: { resources: limits(["50m", "500m"], ["64Mi", "256Mi"]) },
            lokiCanary: { resources: limits(["10m", "100m"], ["32Mi", "128Mi"]) },
            sidecar: { resources: limits(["10m", "100m"], ["64Mi", "256Mi"]) },
            chunksCache: { allocatedMemory: 2048, resources: limits(["100m", "1"], ["2458Mi", "2458Mi"]) },
            resultsCache: { allocatedMemory: 1024, resources: limits(["100m", "500m"], ["1229Mi", "1229Mi"]) },
            memcachedExporter: { resources: limits(["10m", "100m"], ["32Mi", "64Mi"]) },
        });
    });

    it("ships logs with Promtail and traces to Jaeger through OpenTelemetry, after the network policies", () => {
        for (const release of ["mon-promtail", "mon-jaeger", "mon-otel-collector"]) {
            expect(named(session, RELEASE, release).dependencies).toEqual(expect.arrayContaining(policyUrns()));
        }
        expect(inputsOf(named(session, RELEASE, "mon-promtail")).values).toEqual({ config: { clients: [{ url: "http://loki-gateway.monitoring.svc/loki/api/v1/push" }] }, resources: limits(["50m", "500m"], ["128Mi", "512Mi"]) });
        expect(inputsOf(named(session, RELEASE, "mon-jaeger"))).toMatchObject({ chart: "jaeger", version: "3.3.1" });
        expect(inputsOf(named(session, RELEASE, "mon-otel-collector"))).toMatchObject({ chart: "opentelemetry-collector", version: "0.108.0" });
    });

    it("allows exactly the monitoring flows: inside the namespace, Prometheus to every namespace and the nodes, HTTPS/SMTP out, OTLP in, the API server to the operator's webhook", () => {
        const spec = (part: string) => {
            const inputs = inputsOf(named(session, POLICY, `mon-${part}`)) as { metadata: unknown; spec: unknown };
            expect(inputs.metadata).toEqual({ name: `monitoring-${part}`, namespace: "monitoring", labels });
            return inputs.spec;
        };
        expect(spec("internal")).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"], ingress: [{ from: [{ podSelector: {} }] }], egress: [{ to: [{ podSelector: {} }] }] });
        expect(spec("egress")).toEqual({ podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ port: 443, protocol: "TCP" }, { port: 587, protocol: "TCP" }] }] });
        expect(spec("scrape")).toEqual({
            podSelector: { matchLabels: { "app.kubernetes.io/name": "prometheus" } },
            policyTypes: ["Egress"],
            egress: [{ to: [{ namespaceSelector: {} }] }, { to: [{ ipBlock: { cidr: "10.30.0.0/16" } }], ports: [{ port: 10250, protocol: "TCP" }, { port: 9100, protocol: "TCP" }, { port: 10249, protocol: "TCP" }] }],
        });
        expect(spec("otlp")).toEqual({
            podSelector: { matchLabels: { "app.kubernetes.io/name": "opentelemetry-collector" } },
            policyTypes: ["Ingress"],
            ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ port: 4317, protocol: "TCP" }, { port: 4318, protocol: "TCP" }] }],
        });
        expect(spec("operator-webhook")).toEqual({
            podSelector: { matchLabels: { app: "kube-prometheus-stack-operator" } },
            policyTypes: ["Ingress"],
            ingress: [{ from: [{ ipBlock: { cidr: "10.30.0.0/16" } }], ports: [{ port: 10250, protocol: "TCP" }] }],
        });
        expect(ofType(session, POLICY)).toHaveLength(5);
    });
});

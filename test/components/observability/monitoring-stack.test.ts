import { Provider } from "@pulumi/kubernetes/provider";
import { CHARTS, MonitoringStack, alertmanagerConfig } from "../../../components/observability/monitoring-stack";
import { RecordingSession } from "../../../gate/program";
import { ALERT_RULES, DASHBOARDS } from "../../../stacks/voiceassist-workloads";
import { inputsOf, named, recordingMocks } from "../../helpers/mocks";

let session: RecordingSession;
const SECRET = "4dabf18193072939515e22adb298388d";

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
            smtp: { host: "email-smtp.us-east-1.amazonaws.com:587", from: "alerts@example.com", username: "AKIAEXAMPLE", password: "smtp-password" },
            receiversSecretName: "va/alert-receivers",
            secretStoreName: "aws-secrets-manager",
            logBucket: { name: "logs", arn: "arn:aws:s3:::logs" },
            oidcProvider: { arn: "arn:oidc", url: "https://oidc.example/id/X" },
            kmsKeyArn: "arn:key",
            labels: { "readiness/blueprint": "voiceassist" },
        },
        { provider: new Provider("k8s", { kubeconfig: "{}" }) },
    );
    await session.settle();
});

describe("MonitoringStack", () => {
    it("keeps metrics 30 days and loads the application's alert rules", () => {
        const prometheus = named(session, "kubernetes:helm.sh/v3:Release", "mon-prometheus");
        expect(inputsOf(prometheus)).toMatchObject({ chart: CHARTS.prometheus.chart, version: "65.1.1", namespace: "monitoring" });
        const values = inputsOf(prometheus).values as Record<string, Record<string, Record<string, unknown>>>;
        expect(values.prometheus.prometheusSpec).toMatchObject({ retention: "30d", storageSpec: { volumeClaimTemplate: { spec: { storageClassName: "gp3-encrypted" } } } });
        expect(values.additionalPrometheusRulesMap).toEqual({ application: { groups: [{ name: "application", rules: ALERT_RULES }] } });
        expect(ALERT_RULES.map((rule) => rule.alert)).toEqual(expect.arrayContaining(["ApiLatencyP95High", "RedisCacheHitRateLow", "PostgresReplicationLagHigh"]));
    });

    it("gives Grafana a generated admin password, kept secret, SMTP and the data sources and seven dashboards", () => {
        const prometheus = named(session, "kubernetes:helm.sh/v3:Release", "mon-prometheus");
        const grafana = (prometheus.inputs.values as Record<string, Record<string, unknown>>).grafana;
        expect(typeof grafana.adminPassword === "object" && grafana.adminPassword !== null && SECRET in (grafana.adminPassword as object)).toBe(true);
        expect(inputsOf(named(session, "random:index/randomPassword:RandomPassword", "mon-grafana-admin"))).toEqual({ length: 32, special: false });
        const values = (inputsOf(prometheus).values as Record<string, Record<string, unknown>>).grafana;
        expect(values.smtp).toEqual({ existingSecret: "grafana-smtp", userKey: "user", passwordKey: "password" });
        expect((values.additionalDataSources as { name: string }[]).map((source) => source.name)).toEqual(["Loki", "Jaeger"]);
        expect(Object.keys((values.dashboards as Record<string, object>).voiceassist)).toHaveLength(7);
    });

    it("routes alerts to PagerDuty, Slack and e-mail from mounted secrets, never inline", () => {
        const config = alertmanagerConfig({ alertEmail: "ops@example.com", slackChannel: "#alerts", smtp: { host: "h:587", from: "f@example.com", username: "u", password: "p" } });
        expect(JSON.stringify(config)).not.toMatch(/"routing_key"|"api_url"|smtp_auth_password"/);
        expect(config.receivers).toEqual([
            { name: "heartbeat", webhook_configs: [{ url_file: "/etc/alertmanager/secrets/alertmanager-receivers/heartbeat-url", send_resolved: false }] },
            { name: "pagerduty", pagerduty_configs: [{ routing_key_file: "/etc/alertmanager/secrets/alertmanager-receivers/pagerduty-routing-key", send_resolved: true }] },
            { name: "slack", slack_configs: [{ api_url_file: "/etc/alertmanager/secrets/alertmanager-receivers/slack-webhook-url", channel: "#alerts", send_resolved: true }] },
            { name: "email", email_configs: [{ to: "ops@example.com", send_resolved: true }] },
        ]);
        const external = inputsOf(named(session, "kubernetes:external-secrets.io/v1beta1:ExternalSecret", "mon-receivers")) as { spec: Record<string, unknown> };
        expect(external.spec).toMatchObject({ secretStoreRef: { name: "aws-secrets-manager", kind: "ClusterSecretStore" }, target: { name: "alertmanager-receivers" } });
    });

    it("keeps logs in Loki 31 days on the encrypted bucket, and traces in Jaeger through OpenTelemetry", () => {
        const loki = inputsOf(named(session, "kubernetes:helm.sh/v3:Release", "mon-loki")).values as { loki: Record<string, Record<string, unknown>> };
        expect(loki.loki.limits_config).toEqual({ retention_period: "744h" });
        expect(loki.loki.compactor).toEqual({ retention_enabled: true, delete_request_store: "s3" });
        expect(inputsOf(named(session, "kubernetes:helm.sh/v3:Release", "mon-jaeger"))).toMatchObject({ chart: "jaeger", version: "3.3.1" });
        expect(inputsOf(named(session, "kubernetes:helm.sh/v3:Release", "mon-otel-collector"))).toMatchObject({ chart: "opentelemetry-collector", version: "0.108.0" });
    });
});

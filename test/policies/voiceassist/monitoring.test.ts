// Monitoring and observability (8): Prometheus, Grafana, Jaeger/OpenTelemetry, Loki, Alertmanager.
import alertHeartbeat from "../../../policies/voiceassist/rules/monitoring/alert-heartbeat";
import alertRouting from "../../../policies/voiceassist/rules/monitoring/alert-routing";
import alertRules from "../../../policies/voiceassist/rules/monitoring/alert-rules";
import alertmanagerConfigured from "../../../policies/voiceassist/rules/monitoring/alertmanager-configured";
import emailAlerts from "../../../policies/voiceassist/rules/monitoring/email-alerts";
import grafanaAdminPassword from "../../../policies/voiceassist/rules/monitoring/grafana-admin-password";
import grafanaDashboards from "../../../policies/voiceassist/rules/monitoring/grafana-dashboards";
import grafanaDatasources from "../../../policies/voiceassist/rules/monitoring/grafana-datasources";
import grafanaRunning from "../../../policies/voiceassist/rules/monitoring/grafana-running";
import grafanaSmtp from "../../../policies/voiceassist/rules/monitoring/grafana-smtp";
import jaegerRunning from "../../../policies/voiceassist/rules/monitoring/jaeger-running";
import logAggregation from "../../../policies/voiceassist/rules/monitoring/log-aggregation";
import lokiRetention from "../../../policies/voiceassist/rules/monitoring/loki-retention";
import lokiRunning from "../../../policies/voiceassist/rules/monitoring/loki-running";
import metricsEndpoints from "../../../policies/voiceassist/rules/monitoring/metrics-endpoints";
import otelInstrumentation from "../../../policies/voiceassist/rules/monitoring/otel-instrumentation";
import pagerduty from "../../../policies/voiceassist/rules/monitoring/pagerduty";
import prometheusRetention from "../../../policies/voiceassist/rules/monitoring/prometheus-retention";
import prometheusRunning from "../../../policies/voiceassist/rules/monitoring/prometheus-running";
import scrapeConfigs from "../../../policies/voiceassist/rules/monitoring/scrape-configs";
import slack from "../../../policies/voiceassist/rules/monitoring/slack";
import tracesCollected from "../../../policies/voiceassist/rules/monitoring/traces-collected";
import { Environment } from "../../helpers/environment";
import { describeRule } from "./cases";
import { ALERTMANAGER_CONFIG, UNKNOWN } from "./environment";

const KPS = 'kubernetes:helm.sh/v3:Release "monitoring"';
const values = (path: string, value: unknown) => (env: Environment) => env.set("monitoring", `values.${path}`, value);
const valuesUnknown = (env: Environment) => env.set("monitoring", "values", UNKNOWN);
const receivers = (keep: (name: string) => boolean) => (env: Environment) => env.set("monitoring", "values.alertmanager.config.receivers", ALERTMANAGER_CONFIG.receivers.filter((receiver) => keep(receiver.name)));

describeRule({
    rule: prometheusRunning,
    fails: [
        { when: "there is no kube-prometheus-stack", change: (env) => env.remove("monitoring"), message: /^no kube-prometheus-stack release/ },
        { when: "Prometheus is off", change: values("prometheus.enabled", false), message: `${KPS}: turns Prometheus off (prometheus.enabled: false)`, resource: "monitoring" },
    ],
    unknown: valuesUnknown,
});

describeRule({
    rule: metricsEndpoints,
    fails: [
        { when: "nothing scrapes the worker", change: (env) => env.remove("worker-monitor"), message: 'kubernetes:apps/v1:Deployment "worker": Deployment voiceassist/worker exposes no metrics endpoint Prometheus scrapes (no ServiceMonitor or PodMonitor selects it)', resource: "worker" },
        { when: "the ServiceMonitor selects no Service", change: (env) => env.set("api-gateway-monitor", "spec.selector.matchLabels", { "app.kubernetes.io/name": "other" }), message: /Deployment voiceassist\/api-gateway exposes no metrics endpoint/, resource: "api-gateway" },
    ],
    unknown: (env) => env.set("api-gateway-monitor", "spec", UNKNOWN),
});

describeRule({
    rule: scrapeConfigs,
    passes: [{ when: "the monitor carries the release label", change: (env) => { values("prometheus.prometheusSpec.serviceMonitorSelectorNilUsesHelmValues", undefined)(env); env.set("api-gateway-monitor", "metadata.labels.release", "monitoring"); } }],
    fails: [
        { when: "the release ignores the program's monitors", change: (env) => { values("prometheus.prometheusSpec.serviceMonitorSelectorNilUsesHelmValues", true)(env); values("prometheus.prometheusSpec.podMonitorSelectorNilUsesHelmValues", true)(env); }, message: /selects none of the program's ServiceMonitors\/PodMonitors \(label them release: monitoring/, resource: "monitoring" },
        { when: "there is no monitor", change: (env) => env.remove("api-gateway-monitor", "worker-monitor", "qdrant-metrics"), message: /scrapes nothing of the application/ },
    ],
    unknown: valuesUnknown,
});

describeRule({
    rule: alertRules,
    fails: [
        { when: "the program has no rules", change: values("additionalPrometheusRulesMap", undefined), message: `${KPS}: evaluates 0 alert rules of the program's own; at least 1 are required` },
        { when: "default rules are off", change: values("defaultRules.create", false), message: /switches the chart's default alert rules off/ },
    ],
    unknown: valuesUnknown,
});

describeRule({
    rule: prometheusRetention,
    fails: [
        { when: "retention is the chart default", change: values("prometheus.prometheusSpec.retention", undefined), message: `${KPS}: keeps metrics 10d; at least 30d is required` },
        { when: "there is no volume", change: values("prometheus.prometheusSpec.storageSpec", undefined), message: /keeps metrics on the pod's ephemeral storage/ },
    ],
    unknown: valuesUnknown,
});

describeRule({
    rule: grafanaRunning,
    fails: [{ when: "Grafana is off", change: values("grafana.enabled", false), message: /^no Grafana runs/ }],
    unknown: valuesUnknown,
});

describeRule({
    rule: grafanaAdminPassword,
    fails: [
        { when: "the default password is kept", change: values("grafana.adminPassword", undefined), message: `${KPS}: sets no admin password, so Grafana's admin keeps the chart's default (prom-operator)`, resource: "monitoring" },
        { when: "the password is admin", change: values("grafana.adminPassword", "admin"), message: /keeps a default admin password/ },
        { when: "the password is typed in", change: values("grafana.adminPassword", "Sup3r-Secret-Typed"), message: /sets an admin password no random.RandomPassword of this program generated/ },
    ],
    unknown: (env) => env.set("grafana-admin-password", "result", UNKNOWN),
});

describeRule({
    rule: grafanaDatasources,
    fails: [{ when: "Loki is not a data source", change: values("grafana.additionalDataSources", []), message: `${KPS}: has no loki data source` }],
    unknown: valuesUnknown,
});

describeRule({
    rule: grafanaDashboards,
    passes: [{ when: "one dashboard comes from a labelled ConfigMap", change: (env) => { env.set("monitoring", "values.grafana.dashboards.voiceassist.hipaa-audit", undefined); env.add("kubernetes:core/v1:ConfigMap", "audit-dashboard", { metadata: { name: "audit-dashboard", namespace: "monitoring", labels: { grafana_dashboard: "1" } }, data: { "audit.json": "{}" } }); } }],
    fails: [{ when: "only six dashboards are provided", change: (env) => env.set("monitoring", "values.grafana.dashboards.voiceassist.hipaa-audit", undefined), message: `${KPS}: loads 6 dashboards; at least 7 are required` }],
    unknown: valuesUnknown,
});

describeRule({
    rule: grafanaSmtp,
    fails: [
        { when: "SMTP is off", change: (env) => env.set("monitoring", ["values", "grafana", "grafana.ini"], undefined), message: /does not enable SMTP/ },
        { when: "the credentials Secret is missing", change: (env) => env.remove("grafana-smtp"), message: /reads SMTP credentials from no Secret of this program/ },
    ],
    unknown: valuesUnknown,
});

describeRule({
    rule: jaegerRunning,
    fails: [{ when: "there is no Jaeger", change: (env) => env.remove("jaeger"), message: "no Jaeger release (kubernetes:helm.sh/v3:Release) exists" }],
    unknown: (env) => env.set("jaeger", "version", UNKNOWN),
});

describeRule({
    rule: otelInstrumentation,
    fails: [{ when: "traces go to an outside host", change: (env) => env.set("app-config", "data.OTEL_EXPORTER_OTLP_ENDPOINT", "https://otlp.vendor.example.com"), message: /exports traces to https:\/\/otlp\.vendor\.example\.com, not to a collector of the program \(otel-collector, jaeger\)/, resource: "api-gateway" }],
    unknown: (env) => env.set("app-config", "data", UNKNOWN),
});

describeRule({
    rule: tracesCollected,
    fails: [{ when: "the collector exports elsewhere", change: (env) => env.set("otel-collector", "values.config.exporters.otlp/jaeger.endpoint", "tempo.monitoring.svc:4317"), message: 'kubernetes:helm.sh/v3:Release "otel-collector": exports traces to tempo.monitoring.svc:4317, not to a Jaeger collector of the program', resource: "otel-collector" }],
    unknown: (env) => env.set("otel-collector", "values", UNKNOWN),
});

describeRule({
    rule: lokiRunning,
    fails: [{ when: "the chart version floats", change: (env) => env.set("loki", "version", ""), message: /installs chart version ; pin an exact version/, resource: "loki" }],
    unknown: (env) => env.set("loki", "version", UNKNOWN),
});

describeRule({
    rule: logAggregation,
    passes: [{ when: "promtail keeps its default client", change: (env) => env.set("promtail", "values", {}) }],
    fails: [
        { when: "promtail pushes elsewhere", change: (env) => env.set("promtail", "values.config.clients.0.url", "http://elk.logging.svc/loki/api/v1/push"), message: /pushes logs to elk\.logging\.svc, not to a Loki release of the program \(loki\)/, resource: "promtail" },
        { when: "there is no shipper", change: (env) => env.remove("promtail"), message: /no log shipper release/ },
    ],
    unknown: (env) => env.set("promtail", "values", UNKNOWN),
});

describeRule({
    rule: lokiRetention,
    fails: [
        { when: "the compactor never deletes", change: (env) => env.set("loki", "values.loki.compactor.retention_enabled", false), message: /never deletes logs/, resource: "loki" },
        { when: "no period is set", change: (env) => env.set("loki", "values.loki.limits_config", {}), message: /sets no retention period/ },
    ],
    unknown: (env) => env.set("loki", "values", UNKNOWN),
});

describeRule({
    rule: alertmanagerConfigured,
    fails: [
        { when: "Alertmanager is off", change: values("alertmanager.enabled", false), message: /no Alertmanager is configured/ },
        { when: "a route names a missing receiver", change: receivers((name) => name !== "slack"), message: `${KPS}: routes alerts to receiver "slack", which is not defined` },
    ],
    unknown: valuesUnknown,
});

describeRule({
    rule: pagerduty,
    fails: [
        { when: "there is no PagerDuty receiver", change: receivers((name) => name !== "pagerduty"), message: `${KPS}: has no PagerDuty receiver (pagerduty_configs)` },
        { when: "the routing key is missing", change: values("alertmanager.config.receivers.0.pagerduty_configs.0.routing_key", ""), message: /receiver "pagerduty" has a PagerDuty integration without routing_key/ },
    ],
    unknown: valuesUnknown,
});

describeRule({
    rule: slack,
    fails: [
        { when: "there is no webhook", change: values("alertmanager.config.receivers.1.slack_configs.0.api_url", undefined), message: /receiver "slack" has a Slack integration without api_url/ },
        { when: "the Slack receiver is never routed to", change: (env) => env.set("monitoring", "values.alertmanager.config.route.routes", ALERTMANAGER_CONFIG.route.routes.filter((route) => route.receiver !== "slack")), message: /never routes alerts to its Slack receiver "slack"/ },
    ],
    unknown: valuesUnknown,
});

describeRule({
    rule: emailAlerts,
    fails: [
        { when: "there is no SMTP server", change: values("alertmanager.config.global.smtp_smarthost", undefined), message: /receiver "email" has an e-mail integration without an SMTP server/ },
        { when: "TLS is off", change: values("alertmanager.config.global.smtp_require_tls", false), message: /sends alert e-mail without TLS/ },
    ],
    unknown: valuesUnknown,
});

describeRule({
    rule: alertRouting,
    fails: [{ when: "critical alerts skip PagerDuty", change: (env) => env.set("monitoring", "values.alertmanager.config.route.routes", ALERTMANAGER_CONFIG.route.routes.filter((route) => route.receiver !== "pagerduty")), message: `${KPS}: routes severity=critical alerts to slack, email; they must also reach pagerduty` }],
    unknown: valuesUnknown,
});

describeRule({
    rule: alertHeartbeat,
    fails: [
        { when: "the Watchdog goes to a silent receiver", change: (env) => { env.set("monitoring", "values.alertmanager.config.route.routes.0.receiver", "null"); env.set("monitoring", "values.alertmanager.config.receivers", [...ALERTMANAGER_CONFIG.receivers, { name: "null" }]); }, message: /sends the Watchdog test alert nowhere: it is routed to receiver "null", which notifies nobody/ },
        { when: "the general default rules are off", change: values("defaultRules.rules", { general: false }), message: /switches off the Watchdog test alert/ },
    ],
    unknown: valuesUnknown,
});

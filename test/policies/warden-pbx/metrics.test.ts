// Performance metrics and dashboards (4.4).
import apiResponseTracked from "../../../policies/warden-pbx/rules/metrics/api-response-tracked";
import callDurationTracked from "../../../policies/warden-pbx/rules/metrics/call-duration-tracked";
import callSuccessTracked from "../../../policies/warden-pbx/rules/metrics/call-success-tracked";
import concurrentCallsTracked from "../../../policies/warden-pbx/rules/metrics/concurrent-calls-tracked";
import dashboard from "../../../policies/warden-pbx/rules/metrics/dashboard";
import dbQueryPerformance from "../../../policies/warden-pbx/rules/metrics/db-query-performance";
import prometheusEndpoint from "../../../policies/warden-pbx/rules/metrics/prometheus-endpoint";
import registrationsTracked from "../../../policies/warden-pbx/rules/metrics/registrations-tracked";
import systemResourcesTracked from "../../../policies/warden-pbx/rules/metrics/system-resources-tracked";
import { describeRule } from "./cases";
import { Environment, PBX_CONFIG, UNKNOWN } from "./environment";
import * as YAML from "yaml";

const dashboardWithout = (metric: string) => (env: Environment) => {
    const body = JSON.parse(env.spec("pbx-dashboard").props.dashboardBody as string);
    for (const widget of body.widgets) {
        widget.properties.metrics = widget.properties.metrics.filter((row: string[]) => row[1] !== metric);
    }
    env.set("pbx-dashboard", "dashboardBody", JSON.stringify(body));
};

for (const [rule, metric, what] of [
    [concurrentCallsTracked, "ConcurrentCalls", "concurrent calls"],
    [callSuccessTracked, "CallSuccessRate", "the call success rate"],
    [callDurationTracked, "AverageCallDuration", "the average call duration"],
    [registrationsTracked, "ActiveRegistrations", "the registration count"],
] as const) {
    describeRule({
        rule,
        passes: [{ when: "the namespace is repeated with '.'", change: (env) => env.set("pbx-dashboard", "dashboardBody", JSON.stringify({ widgets: [{ type: "metric", properties: { metrics: [["Warden/PBX", "Other"], [".", metric]] } }] })) }],
        fails: [{ when: `no dashboard plots ${metric}`, change: dashboardWithout(metric), message: `no CloudWatch dashboard plots ${what} (Warden/PBX ${metric})` }],
        unknown: (env) => env.set("pbx-dashboard", "dashboardBody", UNKNOWN),
    });
}

describeRule({
    rule: apiResponseTracked,
    fails: [{ when: "no dashboard plots API latency", change: dashboardWithout("ApiLatency"), message: "no CloudWatch dashboard plots API response times (Warden/PBX ApiLatency or AWS/ApplicationELB TargetResponseTime)" }],
    unknown: (env) => env.set("pbx-dashboard", "dashboardBody", UNKNOWN),
});

describeRule({
    rule: systemResourcesTracked,
    fails: [{ when: "no dashboard plots memory", change: dashboardWithout("mem_used_percent"), message: "no CloudWatch dashboard plots memory use (CWAgent mem_used_percent)" }],
    unknown: (env) => env.set("pbx-dashboard", "dashboardBody", UNKNOWN),
});

describeRule({
    rule: dbQueryPerformance,
    passes: [{ when: "pg_stat_statements and the slow log replace Performance Insights", change: (env) => env.set("db", "performanceInsightsEnabled", false) }],
    fails: [{ when: "nothing tracks queries", change: (env) => env.set("db", "performanceInsightsEnabled", false).set("db-params", "parameters.7", undefined), message: /"db": tracks no query performance/, resource: "db" }],
    unknown: (env) => env.set("db", "performanceInsightsEnabled", UNKNOWN),
});

describeRule({
    rule: prometheusEndpoint,
    fails: [{ when: "the endpoint is off", change: (env) => env.file("/etc/pbx/config.yml", YAML.stringify({ ...PBX_CONFIG, monitoring: { prometheus: { enabled: false } } })), message: /\/etc\/pbx\/config.yml does not enable the Prometheus metrics endpoint/ }],
    unknown: (env) => env.set("pbx-lt", "userData", UNKNOWN),
});

describeRule({
    rule: dashboard,
    passes: [{ when: "a Grafana workspace replaces the CloudWatch dashboard", change: (env) => env.remove("pbx-dashboard").add("aws:grafana/workspace:Workspace", "grafana", { accountAccessType: "CURRENT_ACCOUNT", authenticationProviders: ["AWS_SSO"], permissionType: "SERVICE_MANAGED" }) }],
    fails: [{ when: "there is no dashboard", change: (env) => env.remove("pbx-dashboard"), message: "no dashboard (Grafana workspace, Grafana helm release or CloudWatch dashboard) exists" }],
    unknown: (env) => env.remove("pbx-dashboard").add("kubernetes:helm.sh/v3:Release", "grafana", { chart: UNKNOWN }),
});

// Alerting (4.3): recipients and the critical alerts with their thresholds.
import alertRecipients from "../../../policies/warden-pbx/rules/alerting/alert-recipients";
import callQualityAlert from "../../../policies/warden-pbx/rules/alerting/call-quality-alert";
import certExpiryAlert from "../../../policies/warden-pbx/rules/alerting/cert-expiry-alert";
import cpuMemoryAlert from "../../../policies/warden-pbx/rules/alerting/cpu-memory-alert";
import dbConnectionAlert from "../../../policies/warden-pbx/rules/alerting/db-connection-alert";
import diskThresholdAlert from "../../../policies/warden-pbx/rules/alerting/disk-threshold-alert";
import emailAlerts from "../../../policies/warden-pbx/rules/alerting/email-alerts";
import securityEventsAlert from "../../../policies/warden-pbx/rules/alerting/security-events-alert";
import serviceDownAlert from "../../../policies/warden-pbx/rules/alerting/service-down-alert";
import { describeRule } from "./cases";
import { AGENT_CONFIG, Environment, UNKNOWN } from "./environment";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

/** Rewrites the alarm with metricQueries: its metric becomes query m1 (with `m1` merged in), then `more`. */
const asQueries = (name: string, m1: Record<string, unknown>, ...more: Record<string, unknown>[]) => (env: Environment) => {
    const spec = env.spec(name);
    const { namespace, metricName, dimensions, statistic, period } = spec.props;
    for (const key of ["namespace", "metricName", "dimensions", "statistic", "period"]) {
        env.set(name, key, undefined);
    }
    env.set(name, "metricQueries", [{ id: "m1", metric: { namespace, metricName, dimensions, stat: statistic, period }, ...m1 }, ...more]);
    env.depend(name, "metricQueries", spec.deps.dimensions ?? []).depend(name, "dimensions", []);
};

/** An alarm notifying the alerts topic, with the kit's defaults for the rest. */
const addAlarm = (env: Environment, name: string, props: Record<string, unknown>, dimensionsOf: string[] = []) =>
    env.add(ALARM, name, { statistic: "Average", period: 60, evaluationPeriods: 2, alarmActions: ["<topic arn>"], ...props }, { alarmActions: ["alerts"], ...(dimensionsOf.length > 0 ? { dimensions: dimensionsOf } : {}) });

/** The PBX service watched only by `alarm` (the process alarm removed). */
const onlyServiceAlarm = (name: string, props: Record<string, unknown>, dimensionsOf: string[] = []) => (env: Environment) => {
    env.remove("pbx-process");
    addAlarm(env, name, props, dimensionsOf);
};
const healthCheck = (env: Environment, fqdn: string, deps: Record<string, string[]> = {}) => env.add("aws:route53/healthCheck:HealthCheck", "pbx-health", { type: "HTTPS", fqdn, port: 443, resourcePath: "/health", failureThreshold: 3, requestInterval: 30 }, deps);
const canary = (env: Environment, url: string) =>
    env.add("aws:synthetics/canary:Canary", "pbx-canary", { name: "pbx-portal", runtimeVersion: "syn-nodejs-puppeteer-9.1", handler: "index.handler", schedule: { expression: "rate(1 minute)" }, runConfig: { environmentVariables: { URL: url } } });
const HEALTH_ALARM = { namespace: "AWS/Route53", metricName: "HealthCheckStatus", statistic: "Minimum", comparisonOperator: "LessThanThreshold", threshold: 1, dimensions: { HealthCheckId: "<health check id>" } };
const CANARY_ALARM = { namespace: "CloudWatchSynthetics", metricName: "SuccessPercent", comparisonOperator: "LessThanThreshold", threshold: 90, dimensions: { CanaryName: "pbx-portal" } };
const UP_ALARM = { namespace: "Warden/PBX", metricName: "Up", comparisonOperator: "LessThanThreshold", threshold: 1, treatMissingData: "breaching" };

describeRule({
    rule: emailAlerts,
    fails: [
        { when: "the topic has only an SMS subscription", change: (env) => env.set("alerts-email", "protocol", "sms").set("alerts-email", "endpoint", "+15555550100"), message: 'aws:sns/topic:Topic "alerts": no e-mail subscription on the alarm topic(s) "alerts"', resource: "alerts" },
        { when: "no alarm notifies a topic", change: (env) => env.specs.filter((spec) => spec.type === ALARM).forEach((spec) => env.depend(spec.name, "alarmActions", [])), message: "no CloudWatch alarm notifies an SNS topic of this program" },
    ],
    unknown: (env) => env.set("alerts-email", "protocol", UNKNOWN),
});

describeRule({
    rule: alertRecipients,
    fails: [
        { when: "the topic has no subscription", change: (env) => env.remove("alerts-email"), message: 'aws:sns/topic:Topic "alerts": has 0 subscription(s); at least 1 recipient(s) are required', resource: "alerts" },
        { when: "the address is malformed", change: (env) => env.set("alerts-email", "endpoint", "ops"), message: 'aws:sns/topicSubscription:TopicSubscription "alerts-email": has email endpoint "ops", which reaches nobody' },
    ],
    unknown: (env) => env.set("alerts-email", "endpoint", UNKNOWN),
});

describeRule({
    rule: serviceDownAlert,
    passes: [
        { when: "the process alarm fires at 0 processes (LessThanOrEqualToThreshold 0)", change: (env) => env.set("pbx-process", "comparisonOperator", "LessThanOrEqualToThreshold").set("pbx-process", "threshold", 0) },
        { when: "the process alarm takes the Minimum", change: (env) => env.set("pbx-process", "statistic", "Minimum") },
        { when: "a Route 53 health check of the portal record is watched", change: (env) => { onlyServiceAlarm("pbx-health-alarm", HEALTH_ALARM, ["pbx-health"])(env); healthCheck(env, "<portal fqdn>", { fqdn: ["portal"] }); } },
        { when: "a Route 53 health check names the portal literally", change: (env) => { onlyServiceAlarm("pbx-health-alarm", HEALTH_ALARM, ["pbx-health"])(env); healthCheck(env, "portal.example.com"); } },
        { when: "a Synthetics canary of the portal is watched", change: (env) => { onlyServiceAlarm("pbx-canary-alarm", CANARY_ALARM)(env); canary(env, "https://portal.example.com/health"); } },
        { when: "the PBX's Up metric is watched", change: onlyServiceAlarm("pbx-up", UP_ALARM) },
        { when: "unhealthy targets are watched (> 0)", change: onlyServiceAlarm("pbx-unhealthy", { namespace: "AWS/ApplicationELB", metricName: "UnHealthyHostCount", statistic: "Maximum", comparisonOperator: "GreaterThanThreshold", threshold: 0, dimensions: { TargetGroup: "<tg>", LoadBalancer: "<alb>" } }, ["pbx-web", "alb"]) },
    ],
    fails: [
        { when: "the service alarm needs 10 minutes", change: (env) => env.set("pbx-process", "evaluationPeriods", 10), message: /watches the PBX service on host "pbx" but needs 10 minutes of breaching data to fire; at most 5 are allowed/, resource: "pbx-process" },
        {
            when: "the process alarm fires while the service is up (GreaterThanThreshold 1)",
            change: (env) => env.set("pbx-process", "comparisonOperator", "GreaterThanThreshold"),
            message: /"pbx-process": watches the PBX service on host "pbx" but fires when the value is above its threshold; it must fire when it goes at or below 0$/,
            resource: "pbx-process",
        },
        { when: "the process alarm never fires (LessThanThreshold 0)", change: (env) => env.set("pbx-process", "threshold", 0), message: /but fires below 0; it must fire at or below 0$/, resource: "pbx-process" },
        { when: "the process alarm fires with one process running (LessThanThreshold 1.5)", change: (env) => env.set("pbx-process", "threshold", 1.5), message: /but fires below 1.5, so also at 1, the healthy value: it is always in alarm$/, resource: "pbx-process" },
        {
            when: "a silent agent does not count (treatMissingData notBreaching)",
            change: (env) => env.set("pbx-process", "treatMissingData", "notBreaching"),
            message: /"pbx-process": watches the PBX service on host "pbx" but treats missing data as notBreaching, so it never fires when the host stops and its agent publishes nothing; set treatMissingData to "breaching"$/,
            resource: "pbx-process",
        },
        { when: "missing data is left to the default", change: (env) => env.set("pbx-process", "treatMissingData", undefined), message: /treats missing data as missing \(the default\)/, resource: "pbx-process" },
        { when: "the process alarm counts samples", change: (env) => env.set("pbx-process", "statistic", "SampleCount"), message: /uses statistic SampleCount, which does not measure how low the value goes; it must use Minimum or Average/, resource: "pbx-process" },
        { when: "the health check probes another site", change: (env) => { onlyServiceAlarm("pbx-health-alarm", HEALTH_ALARM, ["pbx-health"])(env); healthCheck(env, "status.other.example.org"); }, message: 'no CloudWatch alarm watches the PBX service on host "pbx"' },
        { when: "the health check alarm watches no health check of the program", change: (env) => { onlyServiceAlarm("pbx-health-alarm", HEALTH_ALARM)(env); healthCheck(env, "portal.example.com"); }, message: 'no CloudWatch alarm watches the PBX service on host "pbx"' },
        { when: "the health check alarm fires while it passes", change: (env) => { onlyServiceAlarm("pbx-health-alarm", { ...HEALTH_ALARM, comparisonOperator: "LessThanOrEqualToThreshold" }, ["pbx-health"])(env); healthCheck(env, "portal.example.com"); }, message: /fires at or below 1, so also at 1, the healthy value/, resource: "pbx-health-alarm" },
        { when: "the canary probes another site", change: (env) => { onlyServiceAlarm("pbx-canary-alarm", CANARY_ALARM)(env); canary(env, "https://www.other.example.org/"); }, message: 'no CloudWatch alarm watches the PBX service on host "pbx"' },
        { when: "the canary alarm fires at 100% success", change: (env) => { onlyServiceAlarm("pbx-canary-alarm", { ...CANARY_ALARM, comparisonOperator: "LessThanOrEqualToThreshold", threshold: 100 })(env); canary(env, "https://portal.example.com/health"); }, message: /fires at or below 100%, so also at 100%, the healthy value/, resource: "pbx-canary-alarm" },
        { when: "the canary alarm fires above its threshold", change: (env) => { onlyServiceAlarm("pbx-canary-alarm", { ...CANARY_ALARM, comparisonOperator: "GreaterThanThreshold" })(env); canary(env, "https://portal.example.com/health"); }, message: /fires when the value is above its threshold; it must fire when it goes at or below 0%/, resource: "pbx-canary-alarm" },
        { when: "the PBX's Up alarm treats silence as fine", change: onlyServiceAlarm("pbx-up", { ...UP_ALARM, treatMissingData: "notBreaching" }), message: /"pbx-up": .*treats missing data as notBreaching/, resource: "pbx-up" },
        {
            when: "nothing publishes the PBX's Up metric",
            change: (env) => {
                onlyServiceAlarm("pbx-up", UP_ALARM)(env);
                const config = structuredClone(AGENT_CONFIG) as Record<string, Record<string, unknown>>;
                delete config.logs.metrics_collected;
                env.file("/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json", JSON.stringify(config));
            },
            message: 'no CloudWatch alarm watches the PBX service on host "pbx"',
        },
        // AWS publishes UnHealthyHostCount per target group of a load balancer: this alarm never gets data.
        {
            when: "the unhealthy-target alarm has only the LoadBalancer dimension",
            change: onlyServiceAlarm("pbx-unhealthy", { namespace: "AWS/ApplicationELB", metricName: "UnHealthyHostCount", statistic: "Maximum", comparisonOperator: "GreaterThanThreshold", threshold: 0, dimensions: { LoadBalancer: "<alb>" } }, ["alb"]),
            message: /"pbx-unhealthy": watches the PBX service on host "pbx" but uses dimensions LoadBalancer, but AWS publishes UnHealthyHostCount per TargetGroup and LoadBalancer, so the alarm gets no data$/,
            resource: "pbx-unhealthy",
        },
        { when: "the process alarm counts sshd", change: (env) => env.set("pbx-process", "dimensions.pattern", "sshd"), message: /"pbx-process": .*counts processes with pattern "sshd", which no procstat entry of the host's CloudWatch agent configuration selects/, resource: "pbx-process" },
        {
            when: "the unhealthy-target alarm tolerates the only target (> 1)",
            change: onlyServiceAlarm("pbx-unhealthy", { namespace: "AWS/ApplicationELB", metricName: "UnHealthyHostCount", statistic: "Maximum", comparisonOperator: "GreaterThanThreshold", threshold: 1, dimensions: { TargetGroup: "<tg>", LoadBalancer: "<alb>" } }, ["pbx-web", "alb"]),
            message: /"pbx-unhealthy": .*fires above 1; it must fire at or above 1$/,
            resource: "pbx-unhealthy",
        },
    ],
    unknown: (env) => env.set("pbx-process", "period", UNKNOWN),
});

describeRule({
    rule: dbConnectionAlert,
    passes: [
        // The fixture's alarm sums errors per period (statistic Sum) and fires above 0.
        { when: "the alarm fires at the first error with >= 1", change: (env) => env.set("pbx-db-errors", "comparisonOperator", "GreaterThanOrEqualToThreshold").set("pbx-db-errors", "threshold", 1) },
        { when: "the alarm averages errors against > 0 (any error makes the average positive)", change: (env) => env.set("pbx-db-errors", "statistic", "Average") },
        { when: "3 errors per period are allowed and the alarm fires at 3 (> 2)", change: (env) => env.set("pbx-db-errors", "threshold", 2), config: { errorsToAlert: 3 } },
    ],
    fails: [
        { when: "the alarm tolerates 50 errors", change: (env) => env.set("pbx-db-errors", "threshold", 50), message: /fires above 50; it must fire at or above 1$/, resource: "pbx-db-errors" },
        // The old default (threshold at most 1) let this through: one failed connection per period never alerts.
        { when: "the alarm tolerates one error (> 1)", change: (env) => env.set("pbx-db-errors", "threshold", 1), message: /"pbx-db-errors": watches database connection failures .* but fires above 1; it must fire at or above 1$/, resource: "pbx-db-errors" },
        { when: "the alarm waits for 2 errors (>= 2)", change: (env) => env.set("pbx-db-errors", "comparisonOperator", "GreaterThanOrEqualToThreshold").set("pbx-db-errors", "threshold", 2), message: /fires at or above 2; it must fire at or above 1$/, resource: "pbx-db-errors" },
        { when: "the alarm averages errors against >= 1", change: (env) => env.set("pbx-db-errors", "comparisonOperator", "GreaterThanOrEqualToThreshold").set("pbx-db-errors", "threshold", 1).set("pbx-db-errors", "statistic", "Average"), message: /uses statistic Average, which does not count the events of a period; it must use Sum$/, resource: "pbx-db-errors" },
        { when: "the alarm fires when errors stop", change: (env) => env.set("pbx-db-errors", "comparisonOperator", "LessThanThreshold"), message: /fires when the value is below its threshold; it must fire when it goes at or above 1$/, resource: "pbx-db-errors" },
        { when: "there is no alarm", change: (env) => env.remove("pbx-db-errors"), message: /no CloudWatch alarm watches database connection failures/ },
    ],
    unknown: (env) => env.set("pbx-db-errors", "threshold", UNKNOWN),
});

describeRule({
    rule: diskThresholdAlert,
    passes: [
        { when: "the root disk alarm fires at 80% (>= 80)", change: (env) => env.set("pbx-disk-root", "comparisonOperator", "GreaterThanOrEqualToThreshold") },
        { when: "the root disk alarm takes the Maximum", change: (env) => env.set("pbx-disk-root", "statistic", "Maximum") },
        { when: "the root disk alarm uses one metric query", change: asQueries("pbx-disk-root", { returnData: true }) },
    ],
    fails: [
        { when: "the root disk alarm fires at 95%", change: (env) => env.set("pbx-disk-root", "threshold", 95), message: 'aws:cloudwatch/metricAlarm:MetricAlarm "pbx-disk-root": watches disk usage of / on host "pbx" but fires above 95%; it must fire above 80% at the latest', resource: "pbx-disk-root" },
        { when: "the root disk alarm fires just past the limit (> 81)", change: (env) => env.set("pbx-disk-root", "threshold", 81), message: /"pbx-disk-root": watches disk usage of \/ on host "pbx" but fires above 81%; it must fire above 80% at the latest$/, resource: "pbx-disk-root" },
        { when: "the disk alarm is missing", change: (env) => env.remove("pbx-disk-root"), message: 'no CloudWatch alarm watches disk usage of / on host "pbx"' },
        { when: "the alarm compares the wrong way", change: (env) => env.set("pbx-disk-voicemail", "comparisonOperator", "LessThanThreshold"), message: /fires when the value is below its threshold; it must fire when it goes above 80%/ },
        {
            when: "the alarm compares a metric math expression (m1/100 > 80)",
            change: asQueries("pbx-disk-root", { returnData: false }, { id: "e1", expression: "m1/100", returnData: true }),
            message: /"pbx-disk-root": watches disk usage of \/ on host "pbx" but alarms on the metric math expression "m1\/100" \(query e1\), not on the metric itself, so its threshold cannot be compared with 80%$/,
            resource: "pbx-disk-root",
        },
        { when: "the alarm's only metric query returns no data", change: asQueries("pbx-disk-root", { returnData: false }), message: /returns no data from its only metric query \(m1, returnData: false\), so its threshold cannot be compared with 80%$/, resource: "pbx-disk-root" },
        { when: "the alarm takes the Minimum", change: (env) => env.set("pbx-disk-root", "statistic", "Minimum"), message: /"pbx-disk-root": .* but uses statistic Minimum, which does not measure how high the value goes; it must use Average or Maximum \(or a percentile p50 or higher\)$/, resource: "pbx-disk-root" },
        { when: "the alarm has no statistic", change: (env) => env.set("pbx-disk-root", "statistic", undefined), message: /"pbx-disk-root": .* but has no statistic; it must use Average or Maximum$/, resource: "pbx-disk-root" },
    ],
    unknown: (env) => env.set("pbx-disk-root", "threshold", UNKNOWN),
});

describeRule({
    rule: cpuMemoryAlert,
    passes: [
        { when: "both alarms fire at the 90% limit", change: (env) => env.set("pbx-cpu", "threshold", 90).set("pbx-memory", "threshold", 90) },
        { when: "the CPU alarm uses p95", change: (env) => env.set("pbx-cpu", "statistic", undefined).set("pbx-cpu", "extendedStatistic", "p95") },
    ],
    fails: [
        { when: "the CPU alarm fires at 99%", change: (env) => env.set("pbx-cpu", "threshold", 99), message: /"pbx-cpu": watches CPU usage of host "pbx" but fires above 99%; it must fire above 90% at the latest/ },
        { when: "the CPU alarm fires just past the limit (> 91)", change: (env) => env.set("pbx-cpu", "threshold", 91), message: /"pbx-cpu": watches CPU usage of host "pbx" but fires above 91%; it must fire above 90% at the latest$/, resource: "pbx-cpu" },
        { when: "the memory alarm fires just past the limit (> 91)", change: (env) => env.set("pbx-memory", "threshold", 91), message: /"pbx-memory": watches memory usage of host "pbx" but fires above 91%; it must fire above 90% at the latest$/, resource: "pbx-memory" },
        { when: "the CPU alarm counts samples", change: (env) => env.set("pbx-cpu", "statistic", "SampleCount"), message: /"pbx-cpu": watches CPU usage of host "pbx" but uses statistic SampleCount, which does not measure how high the value goes/, resource: "pbx-cpu" },
        { when: "the CPU alarm uses a low percentile", change: (env) => env.set("pbx-cpu", "statistic", undefined).set("pbx-cpu", "extendedStatistic", "p10"), message: /uses statistic p10, which does not measure how high the value goes/, resource: "pbx-cpu" },
        { when: "the memory alarm is missing", change: (env) => env.remove("pbx-memory"), message: 'no CloudWatch alarm watches memory usage of host "pbx"' },
    ],
    unknown: (env) => env.set("pbx-memory", "threshold", UNKNOWN),
});

describeRule({
    rule: callQualityAlert,
    passes: [
        { when: "the MOS alarm fires at 3.5 (<= 3.5)", change: (env) => env.set("pbx-mos", "comparisonOperator", "LessThanOrEqualToThreshold") },
        { when: "the MOS alarm takes the Minimum", change: (env) => env.set("pbx-mos", "statistic", "Minimum") },
    ],
    fails: [
        { when: "the MOS alarm waits for 2.5", change: (env) => env.set("pbx-mos", "threshold", 2.5), message: /fires below 2.5; it must fire below 3.5 at the latest/, resource: "pbx-mos" },
        { when: "the MOS alarm fires just past the limit (< 3.4)", change: (env) => env.set("pbx-mos", "threshold", 3.4), message: /"pbx-mos": watches call quality .* but fires below 3.4; it must fire below 3.5 at the latest$/, resource: "pbx-mos" },
        { when: "the MOS alarm fires at 3.4 (<= 3.4)", change: (env) => env.set("pbx-mos", "comparisonOperator", "LessThanOrEqualToThreshold").set("pbx-mos", "threshold", 3.4), message: /fires at or below 3.4; it must fire below 3.5 at the latest$/, resource: "pbx-mos" },
        { when: "the MOS alarm takes the Maximum", change: (env) => env.set("pbx-mos", "statistic", "Maximum"), message: /uses statistic Maximum, which does not measure how low the value goes; it must use Minimum or Average \(or a percentile p50 or lower\)$/, resource: "pbx-mos" },
    ],
    unknown: (env) => env.set("pbx-mos", "threshold", UNKNOWN),
});

describeRule({
    rule: securityEventsAlert,
    passes: [
        { when: "the alarm fires above the 20 tolerated", change: (env) => env.set("pbx-failed-logins", "threshold", 20) },
        { when: "the alarm fires at 21 (>= 21)", change: (env) => env.set("pbx-failed-logins", "comparisonOperator", "GreaterThanOrEqualToThreshold").set("pbx-failed-logins", "threshold", 21) },
    ],
    fails: [
        { when: "there is no failed-login alarm", change: (env) => env.remove("pbx-failed-logins"), message: /no CloudWatch alarm watches failed logins/ },
        { when: "the alarm tolerates 21 (> 21)", change: (env) => env.set("pbx-failed-logins", "threshold", 21), message: /"pbx-failed-logins": watches failed logins .* but fires above 21; it must fire at or above 21$/, resource: "pbx-failed-logins" },
        { when: "the alarm fires when failed logins stop", change: (env) => env.set("pbx-failed-logins", "comparisonOperator", "LessThanThreshold"), message: /fires when the value is below its threshold; it must fire when it goes at or above 21$/, resource: "pbx-failed-logins" },
        { when: "the alarm averages failed logins", change: (env) => env.set("pbx-failed-logins", "statistic", "Average"), message: /uses statistic Average, which does not count the events of a period; it must use Sum$/, resource: "pbx-failed-logins" },
        { when: "the alarm watches another metric (SshFailedLogins)", change: (env) => env.set("pbx-failed-logins", "metricName", "SshFailedLogins"), message: /^no CloudWatch alarm watches failed logins/ },
        { when: "the alarm watches FailedLogins in another namespace", change: (env) => env.set("pbx-failed-logins", "namespace", "Custom/Auth"), message: /^no CloudWatch alarm watches failed logins/ },
        { when: "the alarm counts a metric math expression", change: asQueries("pbx-failed-logins", { returnData: false }, { id: "e1", expression: "RATE(m1)", returnData: true }), message: /alarms on the metric math expression "RATE\(m1\)"/, resource: "pbx-failed-logins" },
    ],
    unknown: (env) => env.set("pbx-failed-logins", "threshold", UNKNOWN),
});

describeRule({
    rule: certExpiryAlert,
    passes: [
        { when: "the alarm fires with 30 days left (<= 30)", change: (env) => env.set("cert-expiry", "comparisonOperator", "LessThanOrEqualToThreshold") },
        { when: "the alarm fires earlier, below 45 days", change: (env) => env.set("cert-expiry", "threshold", 45) },
    ],
    fails: [
        { when: "the alarm fires 7 days before expiry", change: (env) => env.set("cert-expiry", "threshold", 7), message: /fires below 7 days; it must fire below 30 days at the latest/, resource: "cert-expiry" },
        { when: "the alarm fires a day late (< 29)", change: (env) => env.set("cert-expiry", "threshold", 29), message: /"cert-expiry": watches expiry of certificate "cert" but fires below 29 days; it must fire below 30 days at the latest$/, resource: "cert-expiry" },
        { when: "the alarm fires when expiry is far (> 30)", change: (env) => env.set("cert-expiry", "comparisonOperator", "GreaterThanThreshold"), message: /fires when the value is above its threshold; it must fire when it goes below 30 days$/, resource: "cert-expiry" },
        { when: "the alarm takes the Maximum", change: (env) => env.set("cert-expiry", "statistic", "Maximum"), message: /uses statistic Maximum, which does not measure how low the value goes/, resource: "cert-expiry" },
        { when: "no alarm watches the certificate", change: (env) => env.depend("cert-expiry", "dimensions", []), message: 'no CloudWatch alarm watches expiry of certificate "cert"' },
        { when: "no listener serves an ACM certificate", change: (env) => env.set("https", "protocol", "HTTP"), message: /no HTTPS listener serves an ACM certificate/ },
    ],
    unknown: (env) => env.set("cert-expiry", "threshold", UNKNOWN),
});

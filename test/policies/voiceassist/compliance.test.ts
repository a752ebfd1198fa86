// Performance targets watched at run time (12.3.2, 12.3.5) and retention of data, audit, access and change logs (16.2.5, 16.3.1-3).
import accessLogs from "../../../policies/voiceassist/rules/compliance/access-logs";
import auditRetention from "../../../policies/voiceassist/rules/compliance/audit-retention";
import changeLogs from "../../../policies/voiceassist/rules/compliance/change-logs";
import dataRetention from "../../../policies/voiceassist/rules/compliance/data-retention";
import apiLatencyAlert from "../../../policies/voiceassist/rules/performance/api-latency-alert";
import cacheHitRateAlert from "../../../policies/voiceassist/rules/performance/cache-hit-rate-alert";
import { describeRule, run } from "./cases";
import { ALERT_RULES, Environment, UNKNOWN } from "./environment";

const rules = (path: string, value: unknown) => (env: import("../../helpers/environment").Environment) => env.set("monitoring", `values.additionalPrometheusRulesMap.voiceassist.groups.0.rules.${path}`, value);
const rulesUnknown = (env: import("../../helpers/environment").Environment) => env.set("monitoring", "values.additionalPrometheusRulesMap", UNKNOWN);

describeRule({
    rule: apiLatencyAlert,
    passes: [{ when: "an ALB p95 alarm watches instead", change: (env) => { rules("0", undefined)(env); env.add("aws:cloudwatch/metricAlarm:MetricAlarm", "api-p95", { namespace: "AWS/ApplicationELB", metricName: "TargetResponseTime", extendedStatistic: "p95", comparisonOperator: "GreaterThanThreshold", threshold: 0.2, period: 60, evaluationPeriods: 5, dimensions: { LoadBalancer: "<alb>" }, alarmActions: ["<topic>"] }, { alarmActions: ["alerts"] }); } }],
    fails: [
        { when: "the alert fires above 1 s", change: rules("0.expr", ALERT_RULES[0].expr.replace("> 0.2", "> 1")), message: /alert ApiLatencyP95High watches API response time \(P95\) but fires above 1 s; it must fire above 0\.2 s at the latest/, resource: "monitoring" },
        { when: "nothing watches latency", change: rules("0", undefined), message: "no CloudWatch alarm or Prometheus alert rule watches API response time (P95)" },
        { when: "an average-latency alarm is the only watch", change: (env) => { rules("0", undefined)(env); env.add("aws:cloudwatch/metricAlarm:MetricAlarm", "api-avg", { namespace: "AWS/ApplicationELB", metricName: "TargetResponseTime", statistic: "Average", comparisonOperator: "GreaterThanThreshold", threshold: 0.2, period: 60, evaluationPeriods: 5, alarmActions: ["<topic>"] }, { alarmActions: ["alerts"] }); }, message: /uses statistic Average, not p95/, resource: "api-avg" },
    ],
    unknown: rulesUnknown,
});

describeRule({
    rule: cacheHitRateAlert,
    fails: [
        { when: "the alert fires below 50%", change: rules("1.expr", ALERT_RULES[1].expr.replace("< 0.8", "< 0.5")), message: /fires below 0\.5; it must fire below 0\.8 at the latest/ },
        { when: "the alert reaches nobody", change: (env) => env.set("monitoring", "values.alertmanager.config.route", { receiver: "null" }).set("monitoring", "values.alertmanager.config.receivers", [{ name: "null" }]), message: /is routed to receiver "null", which notifies nobody/ },
    ],
    unknown: rulesUnknown,
});

/** An aws:s3/bucket:Bucket (provider 7) keeping its lifecycle rule inline. */
const inlineBucket = (rule: Record<string, unknown>) => (env: Environment) => env.add("aws:s3/bucket:Bucket", "exports", { lifecycleRules: [rule] }, {}, { protect: true });

describeRule({
    rule: dataRetention,
    fails: [
        { when: "a log group keeps events forever", change: (env) => env.set("eks-logs", "retentionInDays", undefined), message: 'aws:cloudwatch/logGroup:LogGroup "eks-logs": keeps log events forever (no retentionInDays)', resource: "eks-logs" },
        { when: "a bucket keeps objects forever", change: (env) => env.remove("loki-chunks-lifecycle"), message: /keeps objects forever/, resource: "loki-chunks" },
        { when: "a backup rule never expires", change: (env) => env.set("backup-plan", "rules.0.lifecycle", undefined), message: /rule daily keeps recovery points forever/, resource: "backup-plan" },
        { when: "a bucket's inline lifecycle rule is disabled", change: inlineBucket({ enabled: false, expiration: { days: 90 } }), message: 'aws:s3/bucket:Bucket "exports": keeps objects forever (no enabled lifecycle expiration)', resource: "exports" },
    ],
    passes: [
        { when: "a bucket expires objects by an inline lifecycle rule", change: inlineBucket({ enabled: true, expiration: { days: 90 } }) },
        { when: "a bucket expires objects on a date by an inline lifecycle rule", change: inlineBucket({ enabled: true, expiration: { date: "2031-01-01T00:00:00Z" } }) },
    ],
    unknown: (env) => env.set("eks-logs", "retentionInDays", UNKNOWN),
});

const DB_LOG_GROUP = "/aws/rds/instance/voiceassist-db/postgresql";
const lockYears = (years: number) => (env: Environment) => env.set("audit-logs-lock", "rule.defaultRetention", { mode: "COMPLIANCE", years });

describeRule({
    rule: auditRetention,
    passes: [
        { when: "the lock is 7 years (2557 days with leap days)", change: lockYears(7) },
        { when: "the database's log group never expires", change: (env) => env.set("db-postgresql-logs", "retentionInDays", undefined) },
        { when: "the trail delivers to no CloudWatch Logs group", change: (env) => env.set("trail", "cloudWatchLogsGroupArn", undefined).depend("trail", "cloudWatchLogsGroupArn", []) },
    ],
    fails: [
        { when: "audit logs are locked one year", change: (env) => env.set("audit-logs-lock", "rule.defaultRetention.days", 365), message: 'aws:s3/bucketV2:BucketV2 "audit-logs": keeps audit logs locked 365 days; 2557 days under COMPLIANCE object lock are required', resource: "audit-logs" },
        { when: "the lock is in governance mode", change: (env) => env.set("audit-logs-lock", "rule.defaultRetention.mode", "GOVERNANCE"), message: /keeps audit logs without COMPLIANCE object lock/ },
        { when: "the lock is 6 years", change: lockYears(6), message: /keeps audit logs locked 2192 days; 2557 days under COMPLIANCE object lock are required/, resource: "audit-logs" },
        { when: "audit logs expire after a year", change: (env) => env.set("audit-logs-lifecycle", "rules.0.expiration.days", 365), message: /expires audit logs after 365 days/ },
        { when: "audit logs expire on a date", change: (env) => env.set("audit-logs-lifecycle", "rules.0.expiration", { date: "2031-01-01T00:00:00Z" }), message: /"audit-logs": expires audit logs on a fixed date \(expiration.date\), after which nothing written is kept; at least 2557 are required/, resource: "audit-logs" },
        { when: "the EKS audit log is kept a year", change: (env) => env.set("eks-logs", "retentionInDays", 365), message: /keeps the cluster's audit log 365 days; at least 2557 are required/, resource: "eks-logs" },
        { when: "the trail's log group is kept one day less than 7 years", change: (env) => env.set("trail-logs", "retentionInDays", 2556), message: 'aws:cloudwatch/logGroup:LogGroup "trail-logs": keeps the trail\'s audit records 2556 days; at least 2557 are required', resource: "trail-logs" },
        { when: "the trail delivers to a log group the program does not create", change: (env) => env.set("trail", "cloudWatchLogsGroupArn", "arn:aws:logs:us-east-1:123456789012:log-group:elsewhere:*").depend("trail", "cloudWatchLogsGroupArn", []), message: /"trail": sends its audit records to log group arn:aws:logs:us-east-1:123456789012:log-group:elsewhere:\*, which this program does not create/, resource: "trail" },
        { when: "the database's log group is kept one day less than 7 years", change: (env) => env.set("db-postgresql-logs", "retentionInDays", 2556), message: /"db-postgresql-logs": keeps the database's audit log 2556 days; at least 2557 are required/, resource: "db-postgresql-logs" },
        { when: "the replica's log group is kept one day less than 7 years", change: (env) => env.set("db-replica-postgresql-logs", "retentionInDays", 2556), message: /"db-replica-postgresql-logs": keeps the database's audit log 2556 days; at least 2557 are required/, resource: "db-replica-postgresql-logs" },
        { when: "the program does not create the database's log group", change: (env) => env.remove("db-postgresql-logs"), message: `aws:rds/instance:Instance "db": exports its postgresql log (pgaudit's audit records) to ${DB_LOG_GROUP}, which this program does not create, so RDS creates it kept forever or by default settings nobody chose`, resource: "db" },
        { when: "the replica exports to a group the program does not create", change: (env) => env.remove("db-replica-postgresql-logs"), message: /"db-replica": exports its postgresql log \(pgaudit's audit records\) to \/aws\/rds\/instance\/voiceassist-db-replica\/postgresql, which this program does not create/, resource: "db-replica" },
    ],
    unknown: (env) => env.set("audit-logs-lock", "rule", UNKNOWN),
});

describe("audit-retention beyond its table", () => {
    it("fails a 7-year lock one day past 2557 days", async () => {
        const result = await run(auditRetention, lockYears(7), { minDays: 2558 });
        expect(result.violations.map((violation) => violation.message)).toContain('aws:s3/bucketV2:BucketV2 "audit-logs": keeps audit logs locked 2557 days; 2558 days under COMPLIANCE object lock are required');
    });
    it("is unknown, not passed, while the database's log group retention is unknown", async () => {
        const result = await run(auditRetention, (env) => env.set("db-postgresql-logs", "retentionInDays", UNKNOWN));
        expect(result.violations).toEqual([]);
        expect(result.unknown).toEqual(["va-16.3.1-audit-retention"]);
    });
});

describeRule({
    rule: accessLogs,
    fails: [
        { when: "access logs are off", change: (env) => env.set("alb", "accessLogs.enabled", false), message: 'aws:lb/loadBalancer:LoadBalancer "alb": writes no access logs (accessLogs.enabled)', resource: "alb" },
        { when: "access logs expire after 90 days", change: (env) => env.set("alb-logs-lifecycle", "rules.0.expiration.days", 90), message: /expires access logs after 90 days/, resource: "alb-logs" },
        { when: "the bucket's inline lifecycle rule expires them after 90 days", change: (env) => env.set("alb-logs", "lifecycleRules", [{ enabled: true, expirations: [{ days: 90 }] }]), message: /"alb-logs": expires access logs after 90 days; at least 2557 are required/, resource: "alb-logs" },
        { when: "access logs expire on a date", change: (env) => env.set("alb-logs-lifecycle", "rules.0.expiration", { date: "2040-01-01T00:00:00Z" }), message: /expires access logs on a fixed date/, resource: "alb-logs" },
    ],
    passes: [{ when: "a disabled inline rule would expire them early", change: (env) => env.set("alb-logs", "lifecycleRules", [{ enabled: false, expirations: [{ days: 90 }] }]) }],
    unknown: (env) => env.set("alb", "accessLogs", UNKNOWN),
});

describeRule({
    rule: changeLogs,
    fails: [
        { when: "AWS Config is not recording", change: (env) => env.remove("config-recorder-status"), message: /no AWS Config recorder records all supported resources and is started/ },
        { when: "change logs expire after a year", change: (env) => env.set("audit-logs-lifecycle", "rules.0.expiration.days", 365), message: /expires change logs after 365 days/, resource: "audit-logs" },
        { when: "the trail is stopped", change: (env) => env.set("trail", "enableLogging", false), message: "no multi-region CloudTrail trail is logging management events" },
    ],
    unknown: (env) => env.set("trail", "isMultiRegionTrail", UNKNOWN),
});

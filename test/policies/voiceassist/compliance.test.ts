// Performance targets watched at run time (12.3.2, 12.3.5) and retention of data, audit, access and change logs (16.2.5, 16.3.1-3).
import accessLogs from "../../../policies/voiceassist/rules/compliance/access-logs";
import auditRetention from "../../../policies/voiceassist/rules/compliance/audit-retention";
import changeLogs from "../../../policies/voiceassist/rules/compliance/change-logs";
import dataRetention from "../../../policies/voiceassist/rules/compliance/data-retention";
import apiLatencyAlert from "../../../policies/voiceassist/rules/performance/api-latency-alert";
import cacheHitRateAlert from "../../../policies/voiceassist/rules/performance/cache-hit-rate-alert";
import { describeRule } from "./cases";
import { ALERT_RULES, UNKNOWN } from "./environment";

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

describeRule({
    rule: dataRetention,
    fails: [
        { when: "a log group keeps events forever", change: (env) => env.set("eks-logs", "retentionInDays", undefined), message: 'aws:cloudwatch/logGroup:LogGroup "eks-logs": keeps log events forever (no retentionInDays)', resource: "eks-logs" },
        { when: "a bucket keeps objects forever", change: (env) => env.remove("loki-chunks-lifecycle"), message: /keeps objects forever/, resource: "loki-chunks" },
        { when: "a backup rule never expires", change: (env) => env.set("backup-plan", "rules.0.lifecycle", undefined), message: /rule daily keeps recovery points forever/, resource: "backup-plan" },
    ],
    unknown: (env) => env.set("eks-logs", "retentionInDays", UNKNOWN),
});

describeRule({
    rule: auditRetention,
    fails: [
        { when: "audit logs are locked one year", change: (env) => env.set("audit-logs-lock", "rule.defaultRetention.days", 365), message: 'aws:s3/bucketV2:BucketV2 "audit-logs": keeps audit logs locked 365 days; 2557 days under COMPLIANCE object lock are required', resource: "audit-logs" },
        { when: "the lock is in governance mode", change: (env) => env.set("audit-logs-lock", "rule.defaultRetention.mode", "GOVERNANCE"), message: /keeps audit logs without COMPLIANCE object lock/ },
        { when: "audit logs expire after a year", change: (env) => env.set("audit-logs-lifecycle", "rules.0.expiration.days", 365), message: /expires audit logs after 365 days/ },
        { when: "the EKS audit log is kept a year", change: (env) => env.set("eks-logs", "retentionInDays", 365), message: /keeps the cluster's audit log 365 days; at least 2557 are required/, resource: "eks-logs" },
    ],
    unknown: (env) => env.set("audit-logs-lock", "rule", UNKNOWN),
});

describeRule({
    rule: accessLogs,
    fails: [
        { when: "access logs are off", change: (env) => env.set("alb", "accessLogs.enabled", false), message: 'aws:lb/loadBalancer:LoadBalancer "alb": writes no access logs (accessLogs.enabled)', resource: "alb" },
        { when: "access logs expire after 90 days", change: (env) => env.set("alb-logs-lifecycle", "rules.0.expiration.days", 90), message: /expires access logs after 90 days/, resource: "alb-logs" },
    ],
    unknown: (env) => env.set("alb", "accessLogs", UNKNOWN),
});

describeRule({
    rule: changeLogs,
    fails: [
        { when: "AWS Config is not recording", change: (env) => env.remove("config-recorder-status"), message: /no AWS Config recorder records all supported resources and is started/ },
        { when: "change logs expire after a year", change: (env) => env.set("audit-logs-lifecycle", "rules.0.expiration.days", 365), message: /expires change logs after 365 days/, resource: "audit-logs" },
    ],
    unknown: (env) => env.set("trail", "isMultiRegionTrail", UNKNOWN),
});

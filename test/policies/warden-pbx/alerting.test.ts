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
import { UNKNOWN } from "./environment";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

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
    fails: [{ when: "the service alarm needs 10 minutes", change: (env) => env.set("pbx-process", "evaluationPeriods", 10), message: /watches the PBX service on host "pbx" but needs 10 minutes of breaching data to fire; at most 5 are allowed/, resource: "pbx-process" }],
    unknown: (env) => env.set("pbx-process", "period", UNKNOWN),
});

describeRule({
    rule: dbConnectionAlert,
    fails: [
        { when: "the alarm tolerates 50 errors", change: (env) => env.set("pbx-db-errors", "threshold", 50), message: /fires above 50; it must fire above 1 at the latest/, resource: "pbx-db-errors" },
        { when: "there is no alarm", change: (env) => env.remove("pbx-db-errors"), message: /no CloudWatch alarm watches database connection failures/ },
    ],
    unknown: (env) => env.set("pbx-db-errors", "threshold", UNKNOWN),
});

describeRule({
    rule: diskThresholdAlert,
    fails: [
        { when: "the root disk alarm fires at 95%", change: (env) => env.set("pbx-disk-root", "threshold", 95), message: 'aws:cloudwatch/metricAlarm:MetricAlarm "pbx-disk-root": watches disk usage of / on host "pbx" but fires above 95%; it must fire above 80% at the latest', resource: "pbx-disk-root" },
        { when: "the disk alarm is missing", change: (env) => env.remove("pbx-disk-root"), message: 'no CloudWatch alarm watches disk usage of / on host "pbx"' },
        { when: "the alarm compares the wrong way", change: (env) => env.set("pbx-disk-voicemail", "comparisonOperator", "LessThanThreshold"), message: /fires when the value is below its threshold; it must fire when it goes above 80%/ },
    ],
    unknown: (env) => env.set("pbx-disk-root", "threshold", UNKNOWN),
});

describeRule({
    rule: cpuMemoryAlert,
    fails: [
        { when: "the CPU alarm fires at 99%", change: (env) => env.set("pbx-cpu", "threshold", 99), message: /"pbx-cpu": watches CPU usage of host "pbx" but fires above 99%; it must fire above 90% at the latest/ },
        { when: "the memory alarm is missing", change: (env) => env.remove("pbx-memory"), message: 'no CloudWatch alarm watches memory usage of host "pbx"' },
    ],
    unknown: (env) => env.set("pbx-memory", "threshold", UNKNOWN),
});

describeRule({
    rule: callQualityAlert,
    fails: [{ when: "the MOS alarm waits for 2.5", change: (env) => env.set("pbx-mos", "threshold", 2.5), message: /fires below 2.5; it must fire below 3.5 at the latest/, resource: "pbx-mos" }],
    unknown: (env) => env.set("pbx-mos", "threshold", UNKNOWN),
});

describeRule({
    rule: securityEventsAlert,
    fails: [{ when: "there is no failed-login alarm", change: (env) => env.remove("pbx-failed-logins"), message: /no CloudWatch alarm watches failed logins/ }],
    unknown: (env) => env.set("pbx-failed-logins", "threshold", UNKNOWN),
});

describeRule({
    rule: certExpiryAlert,
    fails: [
        { when: "the alarm fires 7 days before expiry", change: (env) => env.set("cert-expiry", "threshold", 7), message: /fires below 7 days; it must fire below 30 days at the latest/, resource: "cert-expiry" },
        { when: "no alarm watches the certificate", change: (env) => env.depend("cert-expiry", "dimensions", []), message: 'no CloudWatch alarm watches expiry of certificate "cert"' },
        { when: "no listener serves an ACM certificate", change: (env) => env.set("https", "protocol", "HTTP"), message: /no HTTPS listener serves an ACM certificate/ },
    ],
    unknown: (env) => env.set("cert-expiry", "threshold", UNKNOWN),
});

// Monitoring (1.3.1.5, 4.1): host metrics collected by the agent, alarms on them and on the PBX's
// own metrics, each reaching a subscribed topic.
import activeCallsMonitoring from "../../../policies/warden-pbx/rules/monitoring/active-calls-monitoring";
import alertThresholds from "../../../policies/warden-pbx/rules/monitoring/alert-thresholds";
import apiMonitoring from "../../../policies/warden-pbx/rules/monitoring/api-monitoring";
import callQualityMonitoring from "../../../policies/warden-pbx/rules/monitoring/call-quality-monitoring";
import cpuMonitoring from "../../../policies/warden-pbx/rules/monitoring/cpu-monitoring";
import dbPoolMonitoring from "../../../policies/warden-pbx/rules/monitoring/db-pool-monitoring";
import diskAlerting from "../../../policies/warden-pbx/rules/monitoring/disk-alerting";
import diskMonitoring from "../../../policies/warden-pbx/rules/monitoring/disk-monitoring";
import loadMonitoring from "../../../policies/warden-pbx/rules/monitoring/load-monitoring";
import memoryMonitoring from "../../../policies/warden-pbx/rules/monitoring/memory-monitoring";
import networkMonitoring from "../../../policies/warden-pbx/rules/monitoring/network-monitoring";
import registrationMonitoring from "../../../policies/warden-pbx/rules/monitoring/registration-monitoring";
import serviceMonitoring from "../../../policies/warden-pbx/rules/monitoring/service-monitoring";
import { describeRule, run } from "./cases";
import { AGENT_CONFIG, Environment, UNKNOWN } from "./environment";

const LT = 'aws:ec2/launchTemplate:LaunchTemplate "pbx-lt"';
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const AGENT_PATH = "/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json";
const agent = (env: Environment, edit: (config: typeof AGENT_CONFIG) => void) => {
    const config = JSON.parse(JSON.stringify(AGENT_CONFIG));
    edit(config);
    env.file(AGENT_PATH, JSON.stringify(config));
};

describeRule({
    rule: diskAlerting,
    fails: [
        { when: "the voicemail mount has no alarm", change: (env) => env.remove("pbx-disk-voicemail"), message: 'no CloudWatch alarm watches disk usage of /var/lib/pbx/voicemail on host "pbx"' },
        { when: "the root alarm watches another instance", change: (env) => env.depend("pbx-disk-root", "dimensions", []), message: 'no CloudWatch alarm watches disk usage of / on host "pbx"' },
        { when: "the alarm's dimensions are never published", change: (env) => agent(env, (config) => delete (config.metrics as Record<string, unknown>).aggregation_dimensions), message: /"pbx-disk-root": watches disk usage of \/ on host "pbx" but uses dimensions InstanceId, path, but the agent publishes disk_used_percent with path, fstype, device, InstanceId/, resource: "pbx-disk-root" },
        { when: "the alarm has no actions", change: (env) => env.depend("pbx-disk-recordings", "alarmActions", []), message: /watches disk usage of \/var\/lib\/pbx\/recordings on host "pbx" but has no alarmActions pointing at an SNS topic/, resource: "pbx-disk-recordings" },
    ],
    unknown: (env) => env.set("pbx-disk-root", "dimensions.path", UNKNOWN),
});

describeRule({
    rule: cpuMonitoring,
    fails: [
        { when: "no alarm watches CPU", change: (env) => env.remove("pbx-cpu"), message: 'no CloudWatch alarm watches CPU usage of host "pbx"' },
        { when: "the alarm's actions are disabled", change: (env) => env.set("pbx-cpu", "actionsEnabled", false), message: /has its actions disabled/, resource: "pbx-cpu" },
    ],
    unknown: (env) => env.set("pbx-cpu", "metricName", UNKNOWN),
});

describeRule({
    rule: memoryMonitoring,
    fails: [
        { when: "the agent does not collect memory", change: (env) => agent(env, (config) => delete (config.metrics.metrics_collected as Record<string, unknown>).mem), message: `${LT}: does not collect mem_used_percent in its CloudWatch agent configuration, so memory usage is not published` },
        { when: "the agent is never started", change: (env) => env.command(/amazon-cloudwatch-agent-ctl/), message: /never starts the agent/ },
        { when: "the agent omits the InstanceId dimension", change: (env) => agent(env, (config) => delete (config.metrics as Record<string, unknown>).append_dimensions), message: /without the InstanceId dimension/ },
        { when: "no alarm watches memory", change: (env) => env.remove("pbx-memory"), message: 'no CloudWatch alarm watches memory usage of host "pbx"' },
    ],
    unknown: (env) => env.set("pbx-lt", "userData", UNKNOWN),
});

describeRule({
    rule: diskMonitoring,
    fails: [
        { when: "the agent skips the recordings mount", change: (env) => agent(env, (config) => (config.metrics.metrics_collected.disk.resources = ["/", "/var/lib/pbx/voicemail"])), message: `${LT}: does not collect disk_used_percent for /var/lib/pbx/recordings in its CloudWatch agent configuration, so disk usage of /var/lib/pbx/recordings is not published` },
        { when: "there is no agent configuration", change: (env) => env.removeFile(AGENT_PATH), message: /writes no CloudWatch agent configuration/ },
    ],
    passes: [{ when: "the agent measures every mount", change: (env) => agent(env, (config) => (config.metrics.metrics_collected.disk.resources = ["*"])) }],
    unknown: (env) => env.set("pbx-lt", "userData", UNKNOWN),
});

describeRule({
    rule: networkMonitoring,
    passes: [{ when: "the alarm uses agent metrics", change: (env) => env.set("pbx-network-out", "namespace", "CWAgent").set("pbx-network-out", "metricName", "net_bytes_sent") }],
    fails: [{ when: "no alarm watches the network", change: (env) => env.remove("pbx-network-out"), message: 'no CloudWatch alarm watches network bandwidth of host "pbx"' }],
    unknown: (env) => env.set("pbx-network-out", "namespace", UNKNOWN),
});

describeRule({
    rule: loadMonitoring,
    fails: [
        { when: "no alarm watches the run queue", change: (env) => env.remove("pbx-load"), message: 'no CloudWatch alarm watches system load of host "pbx" (processes_running / processes_blocked)' },
        { when: "the agent does not collect processes", change: (env) => agent(env, (config) => delete (config.metrics.metrics_collected as Record<string, unknown>).processes), message: /does not collect processes_running/ },
    ],
    unknown: (env) => env.set("pbx-load", "metricName", UNKNOWN),
});

describeRule({
    rule: alertThresholds,
    fails: [
        { when: "an alarm notifies nobody", change: (env) => env.depend("pbx-mos", "alarmActions", []), message: `${ALARM} "pbx-mos": has no alarmActions pointing at an SNS topic of this program, so nobody is notified`, resource: "pbx-mos" },
        { when: "an alarm has no comparison", change: (env) => env.set("pbx-cpu", "comparisonOperator", undefined), message: `${ALARM} "pbx-cpu": has no threshold and comparison` },
        { when: "there is no alarm", change: (env) => env.specs.filter((spec) => spec.type === ALARM).forEach((spec) => env.remove(spec.name)), message: "no CloudWatch alarm exists" },
    ],
    unknown: (env) => env.set("pbx-mos", "threshold", UNKNOWN),
});

const HEALTHY_HOSTS = { namespace: "AWS/ApplicationELB", metricName: "HealthyHostCount", statistic: "Minimum", comparisonOperator: "LessThanThreshold", threshold: 1, period: 60, evaluationPeriods: 2, dimensions: { TargetGroup: "<tg>", LoadBalancer: "<alb>" } };

/** The PBX watched only by a healthy host count alarm with these dimensions, referring to `dimensionsOf`. */
const healthyHostsAlarm = (dimensions: Record<string, unknown>, dimensionsOf: string[]) => (env: Environment) =>
    env.remove("pbx-process").add(ALARM, "pbx-healthy", { ...HEALTHY_HOSTS, dimensions }, { dimensions: dimensionsOf, alarmActions: ["alerts"] });
/** The agent's procstat selectors replaced. */
const procstat = (...entries: Record<string, unknown>[]) => (env: Environment) => agent(env, (config) => ((config.metrics.metrics_collected as Record<string, unknown>).procstat = entries));

describeRule({
    rule: serviceMonitoring,
    passes: [
        { when: "the load balancer's healthy host count is watched", change: (env) => env.remove("pbx-process").add(ALARM, "pbx-healthy", HEALTHY_HOSTS, { dimensions: ["pbx-web", "alb"], alarmActions: ["alerts"] }) },
        { when: "the healthy host count is watched per availability zone", change: healthyHostsAlarm({ TargetGroup: "<tg>", LoadBalancer: "<alb>", AvailabilityZone: "us-east-1a" }, ["pbx-web", "alb"]) },
        // The agent also counts sshd; the alarm counts the PBX's own selector.
        { when: "the agent counts sshd besides the PBX", change: procstat({ pattern: "sshd", measurement: ["pid_count"] }, { pattern: "/opt/pbx/main.py", measurement: ["pid_count"] }) },
        {
            when: "the agent and the alarm select the PBX's executable (exe)",
            change: (env) => {
                procstat({ exe: "python", measurement: ["pid_count"] })(env);
                env.set("pbx-process", "dimensions", { InstanceId: "<instance id>", exe: "python", pid_finder: "native" });
            },
        },
    ],
    fails: [
        // AWS publishes HealthyHostCount per target group of a load balancer: this alarm never gets data.
        {
            when: "the healthy host alarm has only the LoadBalancer dimension",
            change: healthyHostsAlarm({ LoadBalancer: "<alb>" }, ["alb"]),
            message: /"pbx-healthy": watches the PBX service on host "pbx" but uses dimensions LoadBalancer, but AWS publishes HealthyHostCount per TargetGroup and LoadBalancer, so the alarm gets no data$/,
            resource: "pbx-healthy",
        },
        {
            when: "the healthy host alarm's TargetGroup is a group without the host",
            change: (env) => healthyHostsAlarm({ TargetGroup: "<tg>", LoadBalancer: "<alb>" }, ["other-web", "alb"])(env.add("aws:lb/targetGroup:TargetGroup", "other-web", { port: 443, protocol: "HTTPS", targetType: "instance" })),
            message: /"pbx-healthy": .*names no target group holding the host together with a load balancer forwarding to it \(TargetGroup, LoadBalancer\), so it does not count the PBX$/,
            resource: "pbx-healthy",
        },
        // Any process of the host is not the PBX.
        {
            when: "the process alarm counts sshd, which the agent does not select",
            change: (env) => env.set("pbx-process", "dimensions.pattern", "sshd"),
            message: /"pbx-process": watches the PBX service on host "pbx" but counts processes with pattern "sshd", which no procstat entry of the host's CloudWatch agent configuration selects, so the alarm gets no data$/,
            resource: "pbx-process",
        },
        {
            when: "the agent counts only sshd and the process alarm watches it",
            change: (env) => procstat({ pattern: "sshd", measurement: ["pid_count"] })(env.set("pbx-process", "dimensions.pattern", "sshd")),
            message: /"pbx-process": .*counts processes with pattern "sshd", which does not select the PBX \(pbx.service runs \/opt\/pbx\/venv\/bin\/python \/opt\/pbx\/main.py\)$/,
            resource: "pbx-process",
        },
        {
            when: "pbx.service starts the PBX as a module the agent's pattern does not match",
            change: (env) => env.editFile("/etc/systemd/system/pbx.service", (text) => text.replace("ExecStart=/opt/pbx/venv/bin/python /opt/pbx/main.py", "ExecStart=/opt/pbx/venv/bin/python -m pbx")),
            message: /counts processes with pattern "\/opt\/pbx\/main.py", which does not select the PBX \(pbx.service runs \/opt\/pbx\/venv\/bin\/python -m pbx\)$/,
            resource: "pbx-process",
        },
        { when: "the process alarm names no selector dimension", change: (env) => env.set("pbx-process", "dimensions.pattern", undefined), message: /"pbx-process": .*has no pattern, exe, pid_file dimension, so it counts no process the agent selects/, resource: "pbx-process" },
        { when: "nothing watches the service", change: (env) => env.remove("pbx-process"), message: 'no CloudWatch alarm watches the PBX service on host "pbx"' },
        { when: "the process alarm fires while the service is up", change: (env) => env.set("pbx-process", "comparisonOperator", "GreaterThanThreshold"), message: /"pbx-process": watches the PBX service on host "pbx" but fires when the value is above its threshold/, resource: "pbx-process" },
        { when: "the process alarm ignores a silent agent", change: (env) => env.set("pbx-process", "treatMissingData", "notBreaching"), message: /"pbx-process": .*treats missing data as notBreaching/, resource: "pbx-process" },
        { when: "the healthy host alarm fires with one healthy host", change: (env) => env.remove("pbx-process").add(ALARM, "pbx-healthy", { ...HEALTHY_HOSTS, threshold: 2 }, { dimensions: ["pbx-web", "alb"], alarmActions: ["alerts"] }), message: /"pbx-healthy": .*fires below 2, so also at 1, the healthy value/, resource: "pbx-healthy" },
        { when: "the healthy host alarm watches another target group", change: (env) => env.remove("pbx-process").add(ALARM, "pbx-healthy", HEALTHY_HOSTS, { alarmActions: ["alerts"] }), message: 'no CloudWatch alarm watches the PBX service on host "pbx"' },
    ],
    unknown: (env) => env.set("pbx-process", "namespace", UNKNOWN),
});

describe("service-monitoring of the PBX process", () => {
    it("is unknown, not passed, when the process alarm's pattern is unknown", async () => {
        const result = await run(serviceMonitoring, (env) => env.set("pbx-process", "dimensions.pattern", UNKNOWN));
        expect(result.violations).toEqual([]);
        expect(result.unknown).toEqual(["wp-4.1.2.1-service-monitoring"]);
    });
});

for (const [rule, alarm, metric] of [
    [registrationMonitoring, "pbx-registrations", "ActiveRegistrations"],
    [activeCallsMonitoring, "pbx-concurrent-calls", "ConcurrentCalls"],
    [callQualityMonitoring, "pbx-mos", "CallQualityMOS"],
] as const) {
    describeRule({
        rule,
        fails: [
            { when: `no alarm watches ${metric}`, change: (env) => env.remove(alarm), message: new RegExp(`^no CloudWatch alarm watches .*Warden/PBX ${metric}`) },
            { when: "nothing publishes the Warden/PBX namespace", change: (env) => agent(env, (config) => delete (config.logs as Record<string, unknown>).metrics_collected), message: new RegExp(`no PBX host publishes namespace Warden/PBX .* so the alarm on ${metric} gets no data`), resource: alarm },
        ],
        unknown: (env) => env.set(alarm, "metricName", UNKNOWN),
    });
}

describeRule({
    rule: apiMonitoring,
    passes: [{ when: "the load balancer's response time is watched", change: (env) => env.remove("pbx-api-latency").add(ALARM, "alb-latency", { namespace: "AWS/ApplicationELB", metricName: "TargetResponseTime", comparisonOperator: "GreaterThanThreshold", threshold: 1, period: 60, evaluationPeriods: 3, dimensions: { LoadBalancer: "<alb>" } }, { dimensions: ["alb"], alarmActions: ["alerts"] }) }],
    fails: [{ when: "nothing watches the API", change: (env) => env.remove("pbx-api-latency"), message: /^no CloudWatch alarm watches the PBX API/ }],
    unknown: (env) => env.set("pbx-api-latency", "namespace", UNKNOWN),
});

describeRule({
    rule: dbPoolMonitoring,
    passes: [{ when: "RDS connections are watched", change: (env) => env.remove("pbx-db-pool").add(ALARM, "db-connections", { namespace: "AWS/RDS", metricName: "DatabaseConnections", comparisonOperator: "GreaterThanThreshold", threshold: 150, period: 60, evaluationPeriods: 3, dimensions: { DBInstanceIdentifier: "<db>" } }, { dimensions: ["db"], alarmActions: ["alerts"] }) }],
    fails: [{ when: "nothing watches the pool", change: (env) => env.remove("pbx-db-pool"), message: /^no CloudWatch alarm watches database connection pool use/ }],
    unknown: (env) => env.set("pbx-db-pool", "metricName", UNKNOWN),
});

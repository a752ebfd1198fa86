// Container deployment and service verification (10.1, 10.2.1-2).
import apiHealth from "../../../policies/voiceassist/rules/deployment/api-health";
import containerLogs from "../../../policies/voiceassist/rules/deployment/container-logs";
import containersRunning from "../../../policies/voiceassist/rules/deployment/containers-running";
import healthChecks from "../../../policies/voiceassist/rules/deployment/health-checks";
import resourceLimits from "../../../policies/voiceassist/rules/deployment/resource-limits";
import restartPolicy from "../../../policies/voiceassist/rules/deployment/restart-policy";
import workerRunning from "../../../policies/voiceassist/rules/deployment/worker-running";
import { describeRule } from "./cases";
import { DAEMON_JSON, UNKNOWN } from "./environment";

const WORKER = 'kubernetes:apps/v1:Deployment "worker"';

describeRule({
    rule: containersRunning,
    fails: [
        { when: "the worker runs no replica", change: (env) => env.set("worker", "spec.replicas", 0), message: `${WORKER}: Deployment voiceassist/worker runs no replica`, resource: "worker" },
        { when: "the app alerts are off", change: (env) => env.set("monitoring", "values.defaultRules", { rules: { kubernetesApps: false } }), message: "the default alert KubePodCrashLooping is switched off (defaultRules)" },
        { when: "warnings reach nobody", change: (env) => env.set("monitoring", "values.alertmanager.config.route", { receiver: "null", routes: [{ matchers: ['severity="critical"'], receiver: "pagerduty" }] }).set("monitoring", "values.alertmanager.config.receivers", [{ name: "null" }, { name: "pagerduty", pagerduty_configs: [{ routing_key: "k" }] }]), message: /alert KubePodCrashLooping is routed to receiver "null", which notifies nobody/ },
    ],
    unknown: (env) => env.set("worker", "spec.replicas", UNKNOWN),
});

describeRule({
    rule: healthChecks,
    passes: [{ when: "only the KubePodNotReady alert watches", change: (env) => env.remove("alb-unhealthy-hosts") }],
    fails: [
        { when: "the worker has no readiness probe", change: (env) => env.set("worker", "spec.template.spec.containers.0.readinessProbe", undefined), message: `${WORKER}: Deployment voiceassist/worker: container worker has no readinessProbe`, resource: "worker" },
        { when: "nobody hears of failing checks", change: (env) => { env.remove("alb-unhealthy-hosts"); env.set("monitoring", "values.defaultRules", { rules: { kubernetesApps: false } }); }, message: "no CloudWatch alarm or Prometheus alert rule watches failing health checks" },
    ],
    unknown: (env) => env.set("worker", "spec.template.spec.containers", UNKNOWN),
});

describeRule({
    rule: restartPolicy,
    fails: [
        { when: "a Deployment never restarts", change: (env) => env.set("worker", "spec.template.spec.restartPolicy", "Never"), message: `${WORKER}: Deployment voiceassist/worker sets restartPolicy Never; Always is required`, resource: "worker" },
        { when: "a bare Pod runs", change: (env) => env.add("kubernetes:core/v1:Pod", "debug", { metadata: { name: "debug", namespace: "voiceassist" }, spec: { containers: [{ name: "debug", image: "busybox" }] } }), message: /Pod voiceassist\/debug is a bare Pod/, resource: "debug" },
    ],
    unknown: (env) => env.set("worker", "spec.template.spec.restartPolicy", UNKNOWN),
});

describeRule({
    rule: resourceLimits,
    fails: [
        { when: "the worker has no memory limit", change: (env) => env.set("worker", "spec.template.spec.containers.0.resources.limits", { cpu: "2" }), message: `${WORKER}: Deployment voiceassist/worker: container worker has no memory limit`, resource: "worker" },
        { when: "Qdrant has no limits", change: (env) => env.set("qdrant", "values.resources", undefined), message: /sets no cpu or memory limit in resources/, resource: "qdrant" },
    ],
    unknown: (env) => env.set("worker", "spec.template.spec.containers", UNKNOWN),
});

describeRule({
    rule: containerLogs,
    fails: [
        { when: "logs grow to 100 MB", change: (env) => env.editFile("/etc/docker/daemon.json", () => JSON.stringify({ ...DAEMON_JSON, "log-opts": { "max-size": "100m", "max-file": "3" } })), message: 'aws:ec2/launchTemplate:LaunchTemplate "app-lt": sets Docker max-size to 100m; 10m is required' },
        { when: "no daemon.json is written", change: (env) => env.removeFile("/etc/docker/daemon.json"), message: /writes no \/etc\/docker\/daemon\.json/ },
    ],
    unknown: (env) => env.set("app-lt", "userData", UNKNOWN),
});

describeRule({
    rule: apiHealth,
    fails: [
        { when: "the target group checks /", change: (env) => env.set("app-web", "healthCheck.path", "/"), message: 'aws:lb/targetGroup:TargetGroup "app-web": health-checks / instead of /health', resource: "app-web" },
        { when: "the API is not probed on /health", change: (env) => env.set("api-gateway", "spec.template.spec.containers.0.readinessProbe.httpGet.path", "/ready"), message: /has no HTTP readiness probe on \/health/ },
        { when: "no alarm watches healthy hosts", change: (env) => env.remove("alb-healthy-hosts"), message: "no CloudWatch alarm watches healthy API hosts" },
    ],
    unknown: (env) => env.set("app-web", "healthCheck", UNKNOWN),
});

describeRule({
    rule: workerRunning,
    fails: [
        { when: "there is no worker", change: (env) => env.remove("worker", "worker-policy", "worker-monitor"), message: "no worker workload runs the background worker" },
        { when: "the worker has no liveness probe", change: (env) => env.set("worker", "spec.template.spec.containers.0.livenessProbe", undefined), message: `${WORKER}: Deployment voiceassist/worker has a container without a livenessProbe` },
    ],
    unknown: (env) => env.set("worker", "spec.replicas", UNKNOWN),
});

import { describeObject } from "../../../lib/kubernetes";
import { alertRoutingProblem, defaultRules, prometheusStacks } from "../../../lib/observability";
import { asNumber } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { NO_APP_WORKLOAD, appWorkloads } from "../../voiceassist";
import { NO_PROMETHEUS_STACK } from "../monitoring/stack";

export default automatedRule<{ alerts: string[] }>({
    name: "containers-running",
    items: ["VA-10.1.2"],
    description:
        "All containers keep running, and someone hears when they do not: every app workload asks for at least one replica, and kube-prometheus-stack's default alerts in `alerts` (crash loops, replica mismatches) are on (defaultRules.rules.kubernetesApps) and Alertmanager routes them to a receiver.",
    severity: "high",
    remediationSteps: "The kit runs 2 replicas of each workload and keeps the default kubernetesApps rules routed to Slack and e-mail. In your own program, keep replicas >= 1 and route severity=warning alerts to a receiver.",
    config: { alerts: { type: "array", items: { type: "string" }, default: ["KubePodCrashLooping", "KubeDeploymentReplicasMismatch"], description: "Default alerts that must fire and be routed." } },
    validate: ({ resources, config, report }) => {
        const workloads = appWorkloads(resources);
        if (workloads.length === 0) {
            report(NO_APP_WORKLOAD);
        }
        for (const workload of workloads) {
            const replicas = asNumber(((workload.props.spec ?? {}) as Record<string, unknown>).replicas) ?? 1;
            if (replicas < 1) {
                report(`${describeObject(workload)} runs no replica`, workload);
            }
        }
        if (prometheusStacks(resources).length === 0) {
            report(`${NO_PROMETHEUS_STACK}, so nothing alerts on stopped containers`);
            return;
        }
        const rules = defaultRules(resources);
        for (const name of config.alerts) {
            const rule = rules.find((entry) => entry.alert === name);
            if (!rule) {
                report(`the default alert ${name} is switched off (defaultRules)`);
                continue;
            }
            const problem = alertRoutingProblem(resources, rule);
            if (problem) {
                report(`alert ${name} ${problem}`, rule.source);
            }
        }
    },
});

import { alarmsOn } from "../../../lib/alarms";
import { describeObject, mainContainers } from "../../../lib/kubernetes";
import { alertRoutingProblem, defaultRules, requireWatched } from "../../../lib/observability";
import { automatedRule } from "../../../lib/rule";
import { NO_APP_WORKLOAD, appWorkloads } from "../../voiceassist";

export default automatedRule({
    name: "health-checks",
    items: ["VA-10.1.3"],
    description:
        "Every service has health checks and failing ones reach people: each container of the app workloads has a readinessProbe and a livenessProbe, and either kube-prometheus-stack's KubePodNotReady alert is on and routed to a receiver, or a CloudWatch alarm on AWS/ApplicationELB UnHealthyHostCount fires above 0 and notifies a subscribed topic.",
    severity: "high",
    remediationSteps: "The kit gives every container readiness and liveness probes and alarms on UnHealthyHostCount. In your own program, add both probes to each container spec.",
    validate: ({ resources, report }) => {
        const workloads = appWorkloads(resources);
        if (workloads.length === 0) {
            report(NO_APP_WORKLOAD);
        }
        for (const workload of workloads) {
            for (const container of mainContainers(workload)) {
                const missing = ["readinessProbe", "livenessProbe"].filter((probe) => container.spec[probe] === undefined);
                if (missing.length > 0) {
                    report(`${describeObject(workload)}: container ${container.name} has no ${missing.join(" or ")}`, workload);
                }
            }
        }
        const notReady = defaultRules(resources).filter((rule) => rule.alert === "KubePodNotReady");
        if (!notReady.some((rule) => alertRoutingProblem(resources, rule) === undefined)) {
            requireWatched(resources, { what: "failing health checks", alarms: alarmsOn(resources, "AWS/ApplicationELB", ["UnHealthyHostCount"]), alerts: [], threshold: { direction: "above", limit: 0 } }, report);
        }
    },
});

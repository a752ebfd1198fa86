import { POD, WORKLOAD_TYPES, describeObject, podSpecOf } from "../../../lib/kubernetes";
import { ofType } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { NO_APP_WORKLOAD, appWorkloads } from "../../voiceassist";

export default automatedRule({
    name: "restart-policy",
    items: ["VA-10.1.4"],
    description:
        "Containers are always restarted: every Deployment, StatefulSet and DaemonSet of the program has restartPolicy Always in its pod template (Kubernetes' default), and no bare Pod runs a service (a Pod without a controller is not recreated when its node goes).",
    severity: "high",
    remediationSteps: "The kit runs every service as a Deployment or StatefulSet. In your own program, do not set restartPolicy to OnFailure/Never on long-running workloads and replace bare Pods by Deployments.",
    validate: ({ resources, report }) => {
        if (appWorkloads(resources).length === 0) {
            report(NO_APP_WORKLOAD);
        }
        for (const workload of ofType(resources, ...WORKLOAD_TYPES)) {
            const policy = podSpecOf(workload).restartPolicy ?? "Always";
            if (policy !== "Always") {
                report(`${describeObject(workload)} sets restartPolicy ${String(policy)}; Always is required`, workload);
            }
        }
        for (const pod of ofType(resources, POD)) {
            report(`${describeObject(pod)} is a bare Pod, which nothing recreates; run it as a Deployment`, pod);
        }
    },
});

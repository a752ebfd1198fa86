import { describeObject, mainContainers } from "../../../lib/kubernetes";
import { asNumber } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { appWorkload } from "../../voiceassist";

export default automatedRule<{ workload: string }>({
    name: "worker-running",
    items: ["VA-10.2.2"],
    description: "The worker service runs: an app workload named `workload` asks for at least one replica and its containers have a liveness probe, so a hung worker is restarted.",
    severity: "high",
    remediationSteps: "The kit runs the worker Deployment with 2 replicas and a celery ping liveness probe. In your own program, do the same.",
    config: { workload: { type: "string", default: "worker", description: "Name (part) of the worker workload." } },
    validate: ({ resources, config, report }) => {
        const worker = appWorkload(resources, config.workload);
        if (!worker) {
            report(`no ${config.workload} workload runs the background worker`);
            return;
        }
        if ((asNumber(((worker.props.spec ?? {}) as Record<string, unknown>).replicas) ?? 1) < 1) {
            report(`${describeObject(worker)} runs no replica`, worker);
        }
        if (!mainContainers(worker).every((container) => container.spec.livenessProbe !== undefined)) {
            report(`${describeObject(worker)} has a container without a livenessProbe`, worker);
        }
    },
});

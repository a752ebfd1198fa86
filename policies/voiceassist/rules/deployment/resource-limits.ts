import { JOB, CRON_JOB, WORKLOAD_TYPES, containersOf, describeObject } from "../../../lib/kubernetes";
import { releasesOf, valueAt } from "../../../lib/helm";
import { ofType } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { NO_APP_WORKLOAD, appWorkloads } from "../../voiceassist";

/** Where the data-store and monitoring charts take container resources from. */
const CHART_RESOURCES: Record<string, string[]> = {
    redis: ["master.resources", "replica.resources"],
    qdrant: ["resources"],
    "kube-prometheus-stack": ["prometheus.prometheusSpec.resources"],
};

export default automatedRule<{ kinds: string[] }>({
    name: "resource-limits",
    items: ["VA-10.1.5"],
    description:
        "Every container has CPU and memory limits: each container (init containers included) of the program's Deployments, StatefulSets, DaemonSets, Jobs and CronJobs sets resources.limits for every kind in `kinds`, and the Redis, Qdrant and Prometheus releases set limits in their resources values.",
    severity: "high",
    remediationSteps: "The kit sets requests and limits on every container and chart. In your own program, add resources.limits {cpu, memory} to each container spec and to master/replica.resources (Redis), resources (Qdrant), prometheus.prometheusSpec.resources.",
    config: { kinds: { type: "array", items: { type: "string" }, default: ["cpu", "memory"], description: "Resources every container must limit." } },
    validate: ({ resources, config, report }) => {
        if (appWorkloads(resources).length === 0) {
            report(NO_APP_WORKLOAD);
        }
        for (const workload of ofType(resources, ...WORKLOAD_TYPES, JOB, CRON_JOB)) {
            for (const container of containersOf(workload)) {
                const limits = ((container.spec.resources ?? {}) as Record<string, Record<string, unknown>>).limits ?? {};
                const missing = config.kinds.filter((kind) => limits[kind] === undefined);
                if (missing.length > 0) {
                    report(`${describeObject(workload)}: container ${container.name} has no ${missing.join(" or ")} limit`, workload);
                }
            }
        }
        for (const [chart, paths] of Object.entries(CHART_RESOURCES)) {
            for (const release of releasesOf(resources, chart)) {
                for (const path of paths) {
                    const limits = (valueAt(release, `${path}.limits`) ?? {}) as Record<string, unknown>;
                    const missing = config.kinds.filter((kind) => limits[kind] === undefined);
                    if (missing.length > 0 && !(chart === "redis" && path.startsWith("replica") && valueAt(release, "architecture") === "standalone")) {
                        report(`sets no ${missing.join(" or ")} limit in ${path}`, release);
                    }
                }
            }
        }
    },
});

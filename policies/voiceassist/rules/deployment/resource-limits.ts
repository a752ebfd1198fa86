import { CHART_CONTAINERS, chartContainerLimits, chartContainers } from "../../../lib/chart-containers";
import { chartName, releaseNamespace, releases } from "../../../lib/helm";
import { CRON_JOB, JOB, LIMIT_RANGE, POD, WORKLOAD_TYPES, containersOf, defaultLimitKinds, describeObject, missingLimits, namespaceOf } from "../../../lib/kubernetes";
import { ofType } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { NO_APP_WORKLOAD, appWorkloads } from "../../voiceassist";

export default automatedRule<{ kinds: string[] }>({
    name: "resource-limits",
    items: ["VA-10.1.5"],
    description:
        "Every container has CPU and memory limits: each container (init containers included) of the program's Deployments, StatefulSets, DaemonSets, Jobs, CronJobs and Pods sets resources.limits for every kind in `kinds`, and so does every container each helm Release's chart runs with its values, at the values path the chart takes it from (e.g. prometheusOperator.resources, grafana.sidecar.resources, gateway.resources; Bitnami presets count), unless a LimitRange of the namespace gives containers default limits. A release of a chart the policy does not know fails: its containers' limits cannot be shown.",
    severity: "high",
    remediationSteps:
        "The kit sets requests and limits on its containers and on the charts' values paths. In your own program, add resources.limits {cpu, memory} to each container spec and, for each chart, to the values paths the violation names; or give the namespace a LimitRange (type Container) with default cpu and memory limits, which Kubernetes applies to every container created there without its own.",
    config: { kinds: { type: "array", items: { type: "string" }, default: ["cpu", "memory"], description: "Resources every container must limit." } },
    validate: ({ resources, config, report }) => {
        if (appWorkloads(resources).length === 0) {
            report(NO_APP_WORKLOAD);
        }
        // A namespace's LimitRange fills in limits containers leave out; its namespace is read only when one exists.
        const hasLimitRanges = ofType(resources, LIMIT_RANGE).length > 0;
        const unlimited = (missing: string[], namespace: () => string) => {
            if (missing.length === 0 || !hasLimitRanges) {
                return missing;
            }
            const defaults = defaultLimitKinds(resources, namespace());
            return missing.filter((kind) => !defaults.includes(kind));
        };
        for (const workload of ofType(resources, ...WORKLOAD_TYPES, JOB, CRON_JOB, POD)) {
            for (const container of containersOf(workload)) {
                const missing = unlimited(missingLimits(container.spec, config.kinds), () => namespaceOf(workload));
                if (missing.length > 0) {
                    report(`${describeObject(workload)}: container ${container.name} has no ${missing.join(" or ")} limit`, workload);
                }
            }
        }
        for (const release of releases(resources)) {
            const namespace = () => releaseNamespace(release);
            const containers = chartContainers(release);
            if (!containers) {
                if (unlimited(config.kinds, namespace).length > 0) {
                    report(
                        `installs chart ${chartName(release)}, whose containers' limits cannot be shown: the policy knows where ${Object.keys(CHART_CONTAINERS).join(", ")} take resources from; give the release's namespace a LimitRange with default ${config.kinds.join(" and ")} limits`,
                        release,
                    );
                }
                continue;
            }
            for (const container of containers) {
                const missing = unlimited(
                    config.kinds.filter((kind) => !chartContainerLimits(release, container).includes(kind)),
                    namespace,
                );
                if (missing.length === 0) {
                    continue;
                }
                if (container.unmodeled) {
                    report(`runs ${container.what}, whose containers' limits cannot be shown`, release);
                } else if (!container.path) {
                    report(`runs ${container.what}, to which the chart gives no resources, so it has no ${missing.join(" or ")} limit (${container.avoid}, or give the namespace a LimitRange with default limits)`, release);
                } else {
                    report(`sets no ${missing.join(" or ")} limit in ${container.path} (${container.what})`, release);
                }
            }
        }
    },
});

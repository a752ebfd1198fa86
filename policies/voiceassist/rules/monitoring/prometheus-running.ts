import { componentEnabled } from "../../../lib/observability";
import { automatedRule } from "../../../lib/rule";
import { releaseDeploymentProblem } from "../../voiceassist";
import { eachPrometheusStack } from "./stack";

export default automatedRule({
    name: "prometheus-running",
    items: ["VA-8.1.1"],
    description: "Prometheus runs in the cluster: a kube-prometheus-stack release with prometheus.enabled not false, an exact chart version, awaited by Pulumi (no skipAwait).",
    severity: "high",
    remediationSteps: "The kit installs kube-prometheus-stack at a pinned version. In your own program, add a kubernetes.helm.v3.Release of it with a pinned `version`.",
    validate: (context) => {
        eachPrometheusStack(context, (release) => {
            if (!componentEnabled(release, "prometheus")) {
                context.report("turns Prometheus off (prometheus.enabled: false)", release);
            }
            const problem = releaseDeploymentProblem(release);
            if (problem) {
                context.report(problem, release);
            }
        });
    },
});

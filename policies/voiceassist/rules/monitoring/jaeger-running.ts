import { jaegerReleases } from "../../../lib/observability";
import { automatedRule } from "../../../lib/rule";
import { eachRelease, releaseDeploymentProblem } from "../../voiceassist";

export default automatedRule({
    name: "jaeger-running",
    items: ["VA-8.3.1"],
    description: "Jaeger runs in the cluster: a jaeger helm release with an exact chart version, awaited by Pulumi.",
    severity: "medium",
    remediationSteps: "The kit installs the jaeger chart at a pinned version. In your own program, add a kubernetes.helm.v3.Release of it.",
    validate: (context) => {
        eachRelease(context, jaegerReleases(context.resources), "Jaeger", (release) => {
            const problem = releaseDeploymentProblem(release);
            if (problem) {
                context.report(problem, release);
            }
        });
    },
});

import { lokiReleases } from "../../../lib/observability";
import { automatedRule } from "../../../lib/rule";
import { eachRelease, releaseDeploymentProblem } from "../../voiceassist";

export default automatedRule({
    name: "loki-running",
    items: ["VA-8.4.1"],
    description: "Loki runs in the cluster: a loki helm release with an exact chart version, awaited by Pulumi.",
    severity: "medium",
    remediationSteps: "The kit installs the loki chart at a pinned version. In your own program, add a kubernetes.helm.v3.Release of it.",
    validate: (context) => {
        eachRelease(context, lokiReleases(context.resources), "Loki", (release) => {
            const problem = releaseDeploymentProblem(release);
            if (problem) {
                context.report(problem, release);
            }
        });
    },
});

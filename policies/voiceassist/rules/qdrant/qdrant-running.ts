import { qdrantReleases } from "../../../lib/datastores";
import { automatedRule } from "../../../lib/rule";
import { eachRelease, releaseDeploymentProblem } from "../../voiceassist";

export default automatedRule({
    name: "qdrant-running",
    items: ["VA-7.1.1"],
    description: "Qdrant runs in the cluster: a Qdrant helm release of the program with an exact chart version, awaited by Pulumi (no skipAwait).",
    severity: "high",
    remediationSteps: "The kit installs the qdrant chart at a pinned version. In your own program, add a kubernetes.helm.v3.Release with a pinned `version`.",
    validate: (context) => {
        eachRelease(context, qdrantReleases(context.resources), "Qdrant", (release) => {
            const problem = releaseDeploymentProblem(release);
            if (problem) {
                context.report(problem, release);
            }
        });
    },
});

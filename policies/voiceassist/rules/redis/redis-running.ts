import { redisReleases } from "../../../lib/datastores";
import { automatedRule } from "../../../lib/rule";
import { eachRelease, releaseDeploymentProblem } from "../../voiceassist";

export default automatedRule({
    name: "redis-running",
    items: ["VA-6.1.1"],
    description: "Redis runs in the cluster: a Redis (Bitnami chart) helm release of the program with an exact chart version, awaited by Pulumi (no skipAwait), so the update fails when its pods do not become ready.",
    severity: "high",
    remediationSteps: "The kit installs oci://registry-1.docker.io/bitnamicharts/redis at a pinned version. In your own program, add a kubernetes.helm.v3.Release with a pinned `version`.",
    validate: (context) => {
        eachRelease(context, redisReleases(context.resources), "Redis", (release) => {
            const problem = releaseDeploymentProblem(release);
            if (problem) {
                context.report(problem, release);
            }
        });
    },
});

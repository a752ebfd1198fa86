// Redis persistence rules: what the master runs with and whether its data outlives the pod.
import { PolicyResource } from "@pulumi/policy";
import { redisPersistent } from "../../../lib/datastores";
import { volumeRetentionProblem } from "../../voiceassist";

/** Why the release's data does not persist on a retained volume, or undefined. */
export function persistenceProblem(resources: PolicyResource[], release: PolicyResource): string | undefined {
    if (!redisPersistent(release)) {
        return "keeps its data on no volume (master.persistence.enabled: false), so it is lost with the pod";
    }
    return volumeRetentionProblem(resources, release);
}

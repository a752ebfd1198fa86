import { qdrantReleases, volumeClassProblem, chartVolumeClass } from "../../../lib/datastores";
import { automatedRule } from "../../../lib/rule";
import { eachRelease, releaseVolumes, volumeRetentionProblem } from "../../voiceassist";

export default automatedRule({
    name: "qdrant-storage",
    items: ["VA-7.1.4"],
    description:
        "Each Qdrant release stores its collections on a persistent volume (the chart's persistence, always on) of a StorageClass that encrypts with a customer-managed KMS key and retains the volume when the claim goes (reclaimPolicy Retain).",
    severity: "high",
    remediationSteps: "The kit sets persistence.storageClassName gp3-encrypted (encrypted, KMS, Retain). In your own program, name such a StorageClass in persistence.storageClassName.",
    validate: (context) => {
        eachRelease(context, qdrantReleases(context.resources), "Qdrant", (release) => {
            for (const { volume } of releaseVolumes(context.resources, release)) {
                const problem = volumeClassProblem(context.resources, chartVolumeClass(volume));
                if (problem) {
                    context.report(`stores ${volume.what} on a volume that ${problem}`, release);
                }
            }
            const retention = volumeRetentionProblem(context.resources, release);
            if (retention) {
                context.report(retention, release);
            }
        });
    },
});

import { qdrantReleases } from "../../../lib/datastores";
import { automatedRule } from "../../../lib/rule";
import { eachRelease, volumeBackupProblem } from "../../voiceassist";

export default automatedRule({
    name: "qdrant-backup",
    items: ["VA-7.1.6"],
    description:
        "A backup strategy is in place for Qdrant: each release's volumes come from a StorageClass that tags the EBS volumes it provisions, and an AWS Backup selection matching those tags belongs to a plan with a daily rule.",
    severity: "high",
    remediationSteps: "The kit's gp3-encrypted StorageClass tags volumes readiness:backup=daily and the backup plan selects that tag. In your own program, add such a tagSpecification and an aws.backup.Selection with selectionTags.",
    validate: (context) => {
        eachRelease(context, qdrantReleases(context.resources), "Qdrant", (release) => {
            const problem = volumeBackupProblem(context.resources, release);
            if (problem) {
                context.report(problem, release);
            }
        });
    },
});

import { redisReleases } from "../../../lib/datastores";
import { automatedRule } from "../../../lib/rule";
import { volumeBackupProblem } from "../../voiceassist";

export default automatedRule({
    name: "redis-backup-schedule",
    items: ["VA-6.2.3"],
    description:
        "Redis data is backed up on a schedule: each Redis release's persistent volumes come from a StorageClass that tags the EBS volumes it provisions (parameters tagSpecification_N), and an AWS Backup selection matching those tags belongs to a plan with a daily rule.",
    severity: "high",
    remediationSteps: "The kit's gp3-encrypted StorageClass tags volumes readiness:backup=daily and the backup plan selects that tag. In your own program, add such a tagSpecification and an aws.backup.Selection with selectionTags.",
    validate: ({ resources, report }) => {
        const releases = redisReleases(resources);
        if (releases.length === 0) {
            report("no Redis release exists whose data could be backed up");
        }
        for (const release of releases) {
            const problem = volumeBackupProblem(resources, release);
            if (problem) {
                report(problem, release);
            }
        }
    },
});

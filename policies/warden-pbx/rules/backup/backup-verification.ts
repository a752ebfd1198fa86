import { restoreTested } from "../../../lib/backups";
import { automatedRule } from "../../../lib/rule";
import { requireProtected, rulesFor } from "./protected";

export default automatedRule({
    name: "backup-verification",
    items: ["WP-5.1.2.5"],
    description:
        "Backup integrity is verified automatically: every PBX database, instance and data volume that a backup plan covers is also covered by a scheduled AWS Backup restore testing plan (a restoreTestingSelection of its type: RDS, EC2, EBS), which restores recent recovery points and reports the result.",
    severity: "high",
    remediationSteps: "The kit's weekly restore testing plan has RDS, EC2 and EBS selections. Add aws.backup.RestoreTestingSelection resources for each protected resource type.",
    validate: ({ resources, report }) => {
        for (const entry of requireProtected(resources, report).filter((candidate) => rulesFor(resources, candidate).length > 0)) {
            const tested = restoreTested(resources, entry.resource) || entry.via.some((instance) => restoreTested(resources, instance));
            if (!tested) {
                report(`(${entry.what}) is backed up but no scheduled restore test verifies its backups`, entry.resource);
            }
        }
    },
});

import { plansCovering } from "../../../lib/backups";
import { automatedRule } from "../../../lib/rule";
import { requireDatabases } from "../../voiceassist";

export default automatedRule({
    name: "backup-configured",
    items: ["VA-5.3.1"],
    description: "Each primary PostgreSQL database is backed up by an AWS Backup plan of the program (a selection assigns it, by ARN, wildcard or tag): the managed equivalent of a backup script, which AWS runs and reports on.",
    severity: "critical",
    remediationSteps: "The kit's backup plan selects the database. In your own program, add aws.backup.Plan + aws.backup.Selection with the database's ARN in `resources`.",
    validate: (context) => {
        for (const database of requireDatabases(context)) {
            if (plansCovering(context.resources, database).length === 0) {
                context.report("is in no AWS Backup plan (no aws:backup/selection assigns it)", database);
            }
        }
    },
});

import { automatedRule } from "../../../lib/rule";
import { requireVolumeBackup } from "./volume-backup";

export default automatedRule({
    name: "recordings-backup",
    items: ["WP-5.1.1.4"],
    description: "The call recordings volume (tag readiness:purpose=recordings) attached to the PBX host is covered by an AWS Backup selection, directly or through its instance.",
    severity: "medium",
    remediationSteps: "Add the recordings volume's ARN to an aws.backup.Selection (the kit selects it).",
    validate: (context) => requireVolumeBackup(context, "recordings"),
});

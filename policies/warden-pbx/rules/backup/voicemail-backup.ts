import { automatedRule } from "../../../lib/rule";
import { requireVolumeBackup } from "./volume-backup";

export default automatedRule({
    name: "voicemail-backup",
    items: ["WP-5.1.1.3"],
    description: "The voicemail volume (tag readiness:purpose=voicemail) attached to the PBX host is covered by an AWS Backup selection, directly or through its instance.",
    severity: "high",
    remediationSteps: "The kit selects the PBX instance and its data volumes in the backup plan. Add the voicemail volume's ARN to an aws.backup.Selection.",
    validate: (context) => requireVolumeBackup(context, "voicemail"),
});

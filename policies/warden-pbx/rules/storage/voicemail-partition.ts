import { automatedRule } from "../../../lib/rule";
import { checkPartition } from "./data-volumes";

export default automatedRule({
    name: "voicemail-partition",
    items: ["WP-1.3.2.1"],
    description:
        "The voicemail volume (tag readiness:purpose=voicemail) attached to the PBX host is mounted by cloud-init (mounts, directly or by fs_setup label) at the directory the PBX writes voicemail to: config.yml voicemail.storage_path, relative to the app directory, after following symbolic links.",
    severity: "medium",
    remediationSteps:
        "The kit mounts LABEL=voicemail at /var/lib/pbx/voicemail and links /opt/pbx/voicemail to it. In your own program, add fs_setup and mounts entries for the volume's device and point voicemail.storage_path at the mount (or link it).",
    validate: (context) => checkPartition(context, "voicemail"),
});

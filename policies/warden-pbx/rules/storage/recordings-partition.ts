import { automatedRule } from "../../../lib/rule";
import { checkPartition } from "./data-volumes";

export default automatedRule({
    name: "recordings-partition",
    items: ["WP-1.3.2.2"],
    description:
        "The recordings volume (tag readiness:purpose=recordings) attached to the PBX host is mounted by cloud-init at the directory the PBX writes call recordings to: config.yml recording.storage_path, relative to the app directory, after following symbolic links.",
    severity: "medium",
    remediationSteps:
        "The kit mounts LABEL=recordings at /var/lib/pbx/recordings and links /opt/pbx/recordings to it. In your own program, add fs_setup and mounts entries and point recording.storage_path at the mount (or link it).",
    validate: (context) => checkPartition(context, "recordings"),
});

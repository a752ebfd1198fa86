import { automatedRule } from "../../../lib/rule";
import { dataVolumes } from "./data-volumes";

export default automatedRule({
    name: "symlinks",
    items: ["WP-1.3.2.4"],
    description:
        "Links are needed where the PBX's configured data paths (voicemail.storage_path, recording.storage_path, relative to the app directory) are not the mount points of the dedicated volumes: the rule follows the `ln -s` commands of cloud-init and requires each path to reach its mount. When every path is the mount itself, no link is needed and the item does not apply.",
    severity: "low",
    remediationSteps: "Add `ln -sfn <mount point> <app dir>/<storage_path>` to runcmd (the kit links /opt/pbx/voicemail and /opt/pbx/recordings), or set storage_path to the mount point.",
    validate: (context) => {
        let linked = 0;
        let hosts = 0;
        for (const purpose of ["voicemail", "recordings"]) {
            dataVolumes(context, purpose, ({ mount, directory, source }) => {
                hosts += 1;
                if (!mount || !directory || directory.configured === mount.mountPoint) {
                    return;
                }
                linked += 1;
                if (directory.resolved !== mount.mountPoint && !directory.resolved.startsWith(`${mount.mountPoint}/`)) {
                    context.report(`the PBX writes ${purpose} to ${directory.configured}, which no symbolic link leads to the ${purpose} volume mounted at ${mount.mountPoint}`, source);
                }
            });
        }
        if (hosts > 0 && linked === 0) {
            context.notApplicable("the PBX's data paths are the mount points themselves: no link is needed");
        }
    },
});

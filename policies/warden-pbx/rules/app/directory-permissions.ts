import { accessOf, othersDenied } from "../../../lib/host-files";
import { automatedRule } from "../../../lib/rule";
import { eachPbxConfig, pbxDirectory, serviceUser, setting } from "../../pbx";

export default automatedRule({
    name: "directory-permissions",
    items: ["WP-2.1.1.6"],
    description:
        "The PBX's app directory (the unit's WorkingDirectory) and log directory (of config.yml logging.file) are owned by the service user and grant others nothing, as set at boot by chown/chmod/install -d commands, systemd-tmpfiles or the unit's LogsDirectory=/StateDirectory= settings.",
    severity: "high",
    remediationSteps: "The kit runs `chown -R pbx:pbx /opt/pbx`, `chmod 0750 /opt/pbx` and sets LogsDirectory=pbx with LogsDirectoryMode=0750. In your own program, add equivalent commands or unit settings.",
    validate: (context) => {
        eachPbxConfig(context, (file, source, _host, config) => {
            const user = serviceUser(config);
            const logFile = setting(file.data, "logging.file");
            const directories = [pbxDirectory(config), typeof logFile === "string" && logFile.startsWith("/") ? logFile.slice(0, logFile.lastIndexOf("/")) : undefined].filter((entry): entry is string => entry !== undefined);
            for (const directory of directories) {
                const access = accessOf(config, directory);
                if (access.owner !== user) {
                    context.report(`leaves ${directory} owned by ${access.owner ?? "root (nothing changes its owner)"}; the PBX user ${user} must own it`, source);
                }
                if (!othersDenied(access.mode)) {
                    context.report(`leaves ${directory} with mode ${access.mode ?? "0755 (default)"}, open to other users`, source);
                }
            }
        });
    },
});

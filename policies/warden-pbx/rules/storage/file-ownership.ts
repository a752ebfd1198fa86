import { accessOf, othersDenied } from "../../../lib/host-files";
import { automatedRule } from "../../../lib/rule";
import { dataDirectory, eachPbxConfig, pbxEnvironmentFiles, serviceUser } from "../../pbx";

export default automatedRule({
    name: "file-ownership",
    items: ["WP-1.3.2.3"],
    description:
        "The PBX's files are the PBX user's and nobody else's: the voicemail and recordings directories (after links) are owned by the service user; config.yml (the file cloud-init writes) and every EnvironmentFile are owned by it or by root with its group; none of them grants anything to other users.",
    severity: "high",
    remediationSteps: "The kit chowns the data directories to pbx, writes config.yml as root:pbx 0640 and the .env as pbx 0600. Set owner/permissions in write_files and chown/chmod the data directories in runcmd.",
    validate: (context) => {
        eachPbxConfig(context, (file, source, _host, config) => {
            const user = serviceUser(config);
            const check = (path: string, what: string, groupAllowed: boolean) => {
                const access = accessOf(config, path);
                const owned = access.owner === user || (groupAllowed && access.owner === "root" && access.group === user);
                if (!owned) {
                    context.report(`leaves ${what} ${path} owned by ${access.owner ?? "root"}:${access.group ?? "root"}; it must belong to ${user}`, source);
                }
                if (!othersDenied(access.mode)) {
                    context.report(`leaves ${what} ${path} with mode ${access.mode ?? "0755/0644 (default)"}, readable by other users`, source);
                }
            };
            for (const purpose of ["voicemail", "recordings"]) {
                const directory = dataDirectory(config, file, purpose);
                if (directory) {
                    check(directory.resolved, `the ${purpose} directory`, false);
                }
            }
            check(file.source, "config.yml", true);
            for (const path of pbxEnvironmentFiles(config)) {
                check(path, "the environment file", true);
            }
        });
    },
});

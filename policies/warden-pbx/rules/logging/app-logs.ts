import { accessOf } from "../../../lib/host-files";
import { automatedRule } from "../../../lib/rule";
import { eachPbxConfig, serviceUser, setting } from "../../pbx";

export default automatedRule<{ directory: string }>({
    name: "app-logs",
    items: ["WP-4.2.1.1"],
    description: "The PBX's config.yml writes its log file (logging.file) into `directory` (/var/log/pbx/), which the host gives to the service user (LogsDirectory=, chown or install -d).",
    severity: "medium",
    remediationSteps: "The kit sets logging.file: /var/log/pbx/pbx.log and LogsDirectory=pbx in the unit. Do the same in your config.yml and unit.",
    config: { directory: { type: "string", default: "/var/log/pbx", description: "Directory the application logs go to." } },
    validate: (context) => {
        eachPbxConfig(context, (file, source, _host, config) => {
            const logFile = setting(file.data, "logging.file");
            const directory = context.config.directory.replace(/\/+$/, "");
            if (typeof logFile !== "string" || !logFile.startsWith(`${directory}/`)) {
                context.report(`${file.source} logs to ${logFile === undefined ? "nowhere (no logging.file)" : String(logFile)}, not into ${directory}/`, source);
                return;
            }
            const owner = accessOf(config, directory).owner;
            if (owner !== serviceUser(config)) {
                context.report(`leaves ${directory} owned by ${owner ?? "nobody it creates"}, so the PBX (user ${serviceUser(config)}) cannot write its log`, source);
            }
        });
    },
});

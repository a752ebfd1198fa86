import { logrotateStanzas, stanzasFor } from "../../../lib/logs";
import { automatedRule } from "../../../lib/rule";
import { eachPbxHost, pbxConfig, setting } from "../../pbx";

const PERIODS = ["hourly", "daily", "weekly", "monthly", "yearly"];

export default automatedRule({
    name: "log-rotation",
    items: ["WP-1.3.1.3", "WP-4.2.1.2"],
    description:
        "Reads the PBX host's cloud-init: a logrotate file in /etc/logrotate.d rotates the PBX log directory (the directory of config.yml logging.file, /var/log/pbx by default) with a rotate count, a period or size limit, and compression, so the logs' disk use is bounded.",
    severity: "high",
    remediationSteps:
        "The kit writes /etc/logrotate.d/pbx (/var/log/pbx/*.log daily, rotate 30, maxsize 500M, compress). In your own program, write such a file through cloud-init write_files.",
    validate: (context) => {
        eachPbxHost(context, (_host, config, source) => {
            const pbx = pbxConfig(config);
            const logFile = typeof pbx !== "string" ? setting(pbx.data, "logging.file") : undefined;
            const directory = typeof logFile === "string" && logFile.startsWith("/") ? logFile.slice(0, logFile.lastIndexOf("/")) : "/var/log/pbx";
            const stanzas = stanzasFor(logrotateStanzas(config), directory);
            if (stanzas.length === 0) {
                context.report(`has no logrotate configuration for ${directory}/`, source);
                return;
            }
            for (const stanza of stanzas) {
                const missing = [
                    ...(stanza.directives.has("rotate") ? [] : ["a rotate count"]),
                    ...(PERIODS.some((period) => stanza.directives.has(period)) || stanza.directives.has("size") || stanza.directives.has("maxsize") ? [] : ["a period or size limit"]),
                    ...(stanza.directives.has("compress") ? [] : ["compress"]),
                ];
                if (missing.length > 0) {
                    context.report(`${stanza.file} rotates ${stanza.paths.join(" ")} without ${missing.join(", ")}`, source);
                }
            }
        });
    },
});

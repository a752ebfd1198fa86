import { automatedRule } from "../../../lib/rule";
import { eachPbxConfig } from "../../pbx";

export default automatedRule<{ sections: string[] }>({
    name: "config-file",
    items: ["WP-2.1.2.1"],
    description:
        "The config.yml the PBX reads (in its WorkingDirectory, directly or through a symbolic link) is rendered by the program into the host's cloud-init, parses as YAML and has every top-level section in `sections`.",
    severity: "high",
    remediationSteps: "The kit renders config.yml from its template into /etc/pbx/config.yml and links it into /opt/pbx. In your own program, write config.yml with write_files (all sections of config.yml.example).",
    config: { sections: { type: "array", items: { type: "string" }, default: ["server", "api", "database", "security", "logging"], description: "Top-level sections config.yml must have." } },
    validate: (context) => {
        eachPbxConfig(context, (file, source) => {
            const missing = context.config.sections.filter((section) => !(section in file.data));
            if (missing.length > 0) {
                context.report(`${file.source} lacks the ${missing.join(", ")} section(s) of the template`, source);
            }
        });
    },
});

import { filesOf } from "../../../lib/cloud-init";
import { environmentFiles, simpleCommands, unitEnvironment } from "../../../lib/systemd";
import { automatedRule } from "../../../lib/rule";
import { eachPbxUnit } from "./unit";

export default automatedRule({
    name: "environment",
    items: ["WP-2.2.1.4"],
    description:
        "pbx.service configures its environment: Environment= or EnvironmentFile= lines, and every EnvironmentFile not marked optional (-) is created at boot (written by cloud-init or named by a boot command).",
    severity: "high",
    remediationSteps: "The kit sets `EnvironmentFile=/opt/pbx/.env` and fills it from Secrets Manager at boot. In your own program, add the EnvironmentFile line and create the file.",
    validate: (context) => {
        eachPbxUnit(context, (unit, config, source) => {
            const files = environmentFiles(unit);
            if (files.length === 0 && unitEnvironment(unit).size === 0) {
                context.report(`${unit.path} sets no Environment= or EnvironmentFile=`, source);
            }
            const required = unit.all("Service", "EnvironmentFile").filter((path) => !path.startsWith("-"));
            for (const path of required) {
                const created = filesOf(config).has(path) || simpleCommands(config).some((command) => command.includes(path));
                if (!created) {
                    context.report(`${unit.path} requires ${path}, which nothing creates at boot, so the service cannot start`, source);
                }
            }
        });
    },
});

import { simpleCommands } from "../../../lib/systemd";
import { automatedRule } from "../../../lib/rule";
import { eachPbxUnit } from "./unit";

export default automatedRule({
    name: "working-directory",
    items: ["WP-2.2.1.3"],
    description: "pbx.service sets WorkingDirectory= to an absolute path, and that is where the boot commands clone the PBX repository.",
    severity: "medium",
    remediationSteps: "Set `WorkingDirectory=/opt/pbx` and clone the repository there (the kit does).",
    validate: (context) => {
        eachPbxUnit(context, (unit, config, source) => {
            const directory = unit.get("Service", "WorkingDirectory")?.replace(/^-/, "").replace(/\/+$/, "");
            if (!directory || !directory.startsWith("/")) {
                context.report(`${unit.path} sets no absolute WorkingDirectory`, source);
                return;
            }
            const cloned = simpleCommands(config).some((command) => /^git\s+clone\b/.test(command) && command.split(/\s+/).some((word) => word.replace(/\/+$/, "") === directory));
            if (!cloned) {
                context.report(`${unit.path} works in ${directory}, but no boot command clones the PBX there`, source);
            }
        });
    },
});

import { automatedRule } from "../../../lib/rule";
import { eachPbxUnit } from "./unit";

export default automatedRule({
    name: "unit-installed",
    items: ["WP-2.2.1.1"],
    description: "The PBX host's cloud-init writes /etc/systemd/system/pbx.service with a [Service] section that has an ExecStart.",
    severity: "high",
    remediationSteps: "The kit writes pbx.service through write_files. In your own program, add the unit file to write_files.",
    validate: (context) => {
        eachPbxUnit(context, (unit, _config, source) => {
            if (unit.all("Service", "ExecStart").length === 0) {
                context.report(`${unit.path} has no [Service] ExecStart`, source);
            }
        });
    },
});

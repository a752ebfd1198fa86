import { automatedRule } from "../../../lib/rule";
import { eachPbxUnit } from "./unit";

const RESTARTING = ["on-failure", "always", "on-abnormal", "on-abort", "on-watchdog"];

export default automatedRule({
    name: "restart-policy",
    items: ["WP-2.2.1.5"],
    description: "pbx.service sets Restart= to a policy that restarts a failed PBX (on-failure, always, on-abnormal, on-abort or on-watchdog).",
    severity: "high",
    remediationSteps: "Set `Restart=on-failure` and `RestartSec=5` (the kit does).",
    validate: (context) => {
        eachPbxUnit(context, (unit, _config, source) => {
            const restart = unit.get("Service", "Restart") ?? "no";
            if (!RESTARTING.includes(restart)) {
                context.report(`${unit.path} sets Restart=${restart}, so a crashed PBX stays down`, source);
            }
        });
    },
});

import { firstBootUpgradeProblem } from "../../../lib/host-checks";
import { automatedRule } from "../../../lib/rule";
import { eachAppHost } from "../../voiceassist";

export default automatedRule({
    name: "packages-upgraded",
    items: ["VA-2.3.1"],
    description: "Reads each VoiceAssist server's cloud-init: package_update and package_upgrade are true, so `apt update && apt upgrade` runs at first boot.",
    severity: "high",
    remediationSteps: "The kit sets package_update and package_upgrade. In your own program, add both (true) to the server's cloud-config.",
    validate: (context) => {
        eachAppHost(context, (_host, config, source) => {
            const problem = firstBootUpgradeProblem(config);
            if (problem) {
                context.report(problem, source);
            }
        });
    },
});

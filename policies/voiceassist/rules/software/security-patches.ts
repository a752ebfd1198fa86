import { firstBootUpgradeProblem, unattendedUpgradeProblems } from "../../../lib/host-checks";
import { automatedRule } from "../../../lib/rule";
import { eachAppHost } from "../../voiceassist";

export default automatedRule({
    name: "security-patches",
    items: ["VA-2.3.3"],
    description:
        "Security patches are applied at first boot and afterwards: package_update and package_upgrade are true, and unattended-upgrades is installed and enabled with the security pocket among its origins.",
    severity: "critical",
    remediationSteps: "The kit sets package_update/package_upgrade and configures unattended-upgrades for the security pocket. In your own program, add the same to the server's cloud-config.",
    validate: (context) => {
        eachAppHost(context, (_host, config, source) => {
            for (const problem of [firstBootUpgradeProblem(config), ...unattendedUpgradeProblems(config)]) {
                if (problem) {
                    context.report(problem, source);
                }
            }
        });
    },
});

import { firstBootUpgradeProblem, unattendedUpgradeProblems } from "../../../lib/host-checks";
import { imageOf, ubuntuImage } from "../../../lib/hosts";
import { automatedRule } from "../../../lib/rule";
import { eachPbxHost } from "../../pbx";

export default automatedRule({
    name: "security-updates",
    items: ["WP-1.1.2.2"],
    description:
        "Reads the PBX host's cloud-init: package_update and package_upgrade must be true (every pending update is applied at first boot), unattended-upgrades must be installed and enabled by /etc/apt/apt.conf.d/20auto-upgrades (APT::Periodic::Unattended-Upgrade \"1\"), and, when 50unattended-upgrades is written, its origins must include the security pocket. A Canonical image parameter must track the current build.",
    severity: "critical",
    remediationSteps:
        "The kit's host component sets package_update/package_upgrade, installs unattended-upgrades and writes 20auto-upgrades. In your own program, add these to the PBX host's cloud-config and boot from .../stable/current/... rather than a pinned image.",
    validate: (context) => {
        eachPbxHost(context, (host, config, source) => {
            for (const problem of [firstBootUpgradeProblem(config), ...unattendedUpgradeProblems(config)]) {
                if (problem) {
                    context.report(problem, source);
                }
            }
            const image = imageOf(host);
            const ubuntu = ubuntuImage(image.imageId);
            if (ubuntu && !ubuntu.current) {
                context.report(`boots a pinned Ubuntu build (${image.imageId}) rather than the current one`, image.source);
            }
        });
    },
});

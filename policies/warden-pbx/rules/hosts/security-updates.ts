import { aptSettings } from "../../../lib/host-files";
import { imageOf, ubuntuImage } from "../../../lib/hosts";
import { packagesOf } from "../../../lib/cloud-init";
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
            if (config.package_update !== true || config.package_upgrade !== true) {
                context.report("does not set package_update and package_upgrade to true, so pending updates are not applied at first boot", source);
            }
            if (!packagesOf(config).includes("unattended-upgrades")) {
                context.report("does not install unattended-upgrades, so later security updates are not applied", source);
            }
            const apt = aptSettings(config);
            if (apt.get("APT::Periodic::Unattended-Upgrade")?.[0] !== "1") {
                context.report('does not enable unattended upgrades (APT::Periodic::Unattended-Upgrade "1" in /etc/apt/apt.conf.d/20auto-upgrades)', source);
            }
            const origins = apt.get("Unattended-Upgrade::Allowed-Origins") ?? apt.get("Unattended-Upgrade::Origins-Pattern");
            if (origins && !origins.some((origin) => /security/.test(origin))) {
                context.report("limits unattended upgrades to origins without the security pocket", source);
            }
            const image = imageOf(host);
            const ubuntu = ubuntuImage(image.imageId);
            if (ubuntu && !ubuntu.current) {
                context.report(`boots a pinned Ubuntu build (${image.imageId}) rather than the current one`, image.source);
            }
        });
    },
});

import { automatedRule } from "../../../lib/rule";
import { isDisabledAtBoot, isStartedAtBoot } from "../../../lib/systemd";
import { debianVersion, eachAppHost, hasAptSource, packageEntry, ubuntuReleaseOf, versionAtLeast } from "../../voiceassist";

export default automatedRule<{ minVersion: string }>({
    name: "docker",
    items: ["VA-2.1.1"],
    description:
        "Reads each VoiceAssist server's cloud-init: Docker Engine is installed (docker-ce from Docker's apt repository, which the document adds, or Ubuntu's docker.io on 24.04 or later, which ships 24.0+), any pinned version is at least minVersion, and a boot command starts it (`systemctl enable --now docker`) without disabling it.",
    severity: "high",
    remediationSteps: "The kit adds download.docker.com as an apt source, installs docker-ce and runs `systemctl enable --now docker`. In your own program, do the same in the server's cloud-config.",
    config: { minVersion: { type: "string", pattern: "^\\d+(\\.\\d+)*$", default: "24.0", description: "Oldest Docker Engine version allowed." } },
    validate: (context) => {
        const minimum = debianVersion(context.config.minVersion);
        eachAppHost(context, (host, config, source) => {
            const ce = packageEntry(config, "docker-ce");
            const io = packageEntry(config, "docker.io");
            const installed = ce ?? io;
            if (!installed) {
                context.report("does not install Docker (docker-ce or docker.io)", source);
                return;
            }
            if (ce && !hasAptSource(config, "download.docker.com")) {
                context.report("installs docker-ce without adding Docker's apt repository (download.docker.com), so the package cannot be found", source);
            }
            if (!ce && io && !installed.version && (ubuntuReleaseOf(host) ?? 0) < 24.04) {
                context.report(`installs Ubuntu's docker.io on a release whose version cannot be shown to be ${context.config.minVersion} or newer; use docker-ce from Docker's repository or pin the version`, source);
            }
            if (installed.version && !versionAtLeast(debianVersion(installed.version), minimum)) {
                context.report(`pins ${installed.name} ${installed.version}; Docker ${context.config.minVersion} or newer is required`, source);
            }
            if (!isStartedAtBoot(config, "docker") || isDisabledAtBoot(config, "docker")) {
                context.report("does not start Docker at boot (`systemctl enable --now docker`)", source);
            }
        });
    },
});

import { automatedRule } from "../../../lib/rule";
import { debianVersion, eachAppHost, hasAptSource, packageEntry, ubuntuReleaseOf, versionAtLeast } from "../../voiceassist";

export default automatedRule<{ minVersion: string }>({
    name: "docker-compose",
    items: ["VA-2.1.2"],
    description:
        "Reads each VoiceAssist server's cloud-init: Docker Compose v2 is installed as docker-compose-plugin from Docker's apt repository (current releases are 2.20+) or as Ubuntu's docker-compose-v2 on 24.04 or later (2.24+); any pinned version is at least minVersion. The Python docker-compose (v1) does not count.",
    severity: "medium",
    remediationSteps: "The kit installs docker-compose-plugin from download.docker.com. In your own program, add it to the server's packages.",
    config: { minVersion: { type: "string", pattern: "^\\d+(\\.\\d+)*$", default: "2.20", description: "Oldest Docker Compose version allowed." } },
    validate: (context) => {
        const minimum = debianVersion(context.config.minVersion);
        eachAppHost(context, (host, config, source) => {
            const plugin = packageEntry(config, "docker-compose-plugin");
            const ubuntu = packageEntry(config, "docker-compose-v2");
            const installed = plugin ?? ubuntu;
            if (!installed) {
                context.report(`does not install Docker Compose v2 (docker-compose-plugin or docker-compose-v2)${packageEntry(config, "docker-compose") ? "; docker-compose is the retired v1" : ""}`, source);
                return;
            }
            if (plugin && !hasAptSource(config, "download.docker.com")) {
                context.report("installs docker-compose-plugin without adding Docker's apt repository (download.docker.com)", source);
            }
            if (!plugin && !installed.version && (ubuntuReleaseOf(host) ?? 0) < 24.04) {
                context.report(`installs docker-compose-v2 on a release whose version cannot be shown to be ${context.config.minVersion} or newer`, source);
            }
            if (installed.version && !versionAtLeast(debianVersion(installed.version), minimum)) {
                context.report(`pins ${installed.name} ${installed.version}; Docker Compose ${context.config.minVersion} or newer is required`, source);
            }
        });
    },
});

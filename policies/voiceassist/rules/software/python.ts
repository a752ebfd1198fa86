import { packagesOf } from "../../../lib/cloud-init";
import { automatedRule } from "../../../lib/rule";
import { eachAppHost, ubuntuReleaseOf } from "../../voiceassist";

/** The Python 3 minor version of the python3 package of each Ubuntu LTS release. */
const DISTRIBUTION_MINOR: Record<string, number> = { "20.04": 8, "22.04": 10, "24.04": 12, "26.04": 13 };

export default automatedRule<{ minMinor: number }>({
    name: "python",
    items: ["VA-2.1.4"],
    description:
        "Reads each VoiceAssist server's cloud-init: a python3.N package with N >= minMinor is installed, or python3 on an Ubuntu release whose python3 is 3.minMinor or newer (24.04 ships 3.12; 22.04 ships 3.10, which is too old).",
    severity: "medium",
    remediationSteps: "The kit boots Ubuntu 24.04 and installs python3 (3.12). On 22.04, install python3.11 (or newer) explicitly.",
    config: { minMinor: { type: "integer", minimum: 0, default: 11, description: "Oldest Python 3 minor version allowed." } },
    validate: (context) => {
        eachAppHost(context, (host, config, source) => {
            const packages = packagesOf(config);
            const versioned = packages.map((name) => /^python3\.(\d+)$/.exec(name)).filter((match): match is RegExpExecArray => match !== null).map((match) => Number(match[1]));
            if (versioned.some((value) => value >= context.config.minMinor)) {
                return;
            }
            const release = ubuntuReleaseOf(host);
            const shipped = release === undefined ? undefined : DISTRIBUTION_MINOR[release.toFixed(2)];
            if (packages.includes("python3") && shipped !== undefined && shipped >= context.config.minMinor) {
                return;
            }
            context.report(`does not install Python 3.${context.config.minMinor} or newer (python3.${context.config.minMinor}+, or python3 on Ubuntu 24.04)`, source);
        });
    },
});

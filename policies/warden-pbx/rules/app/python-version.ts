import { packagesOf } from "../../../lib/cloud-init";
import { imageOf, ubuntuImage } from "../../../lib/hosts";
import { automatedRule } from "../../../lib/rule";
import { eachPbxHost } from "../../pbx";

/** The python3 of each Ubuntu release. */
const SYSTEM_PYTHON: Record<string, string> = { "22.04": "3.10", "24.04": "3.12", "24.10": "3.12", "25.04": "3.13" };

export default automatedRule<{ version: string }>({
    name: "python-version",
    items: ["WP-2.1.1.2"],
    description:
        "The PBX host installs Python `version` (3.12): the python<version> package, or python3 on an Ubuntu release whose python3 is that version (24.04 ships 3.12).",
    severity: "high",
    remediationSteps: "The kit installs python3.12 and python3.12-venv. In your own program, add them to the PBX host's cloud-init packages.",
    config: { version: { type: "string", default: "3.12", description: "Python version the PBX needs." } },
    validate: (context) => {
        eachPbxHost(context, (host, config, source) => {
            const packages = packagesOf(config);
            const release = ubuntuImage(imageOf(host).imageId)?.release;
            const system = packages.some((name) => name === "python3") && release !== undefined && SYSTEM_PYTHON[release] === context.config.version;
            if (!packages.includes(`python${context.config.version}`) && !system) {
                context.report(`does not install Python ${context.config.version} (package python${context.config.version})`, source);
            }
        });
    },
});

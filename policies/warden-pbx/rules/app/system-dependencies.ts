import { packagesOf } from "../../../lib/cloud-init";
import { automatedRule } from "../../../lib/rule";
import { eachPbxHost } from "../../pbx";

export default automatedRule<{ packages: string[] }>({
    name: "system-dependencies",
    items: ["WP-2.1.1.4"],
    description: "The PBX host's cloud-init installs every package in `packages` (alternatives separated by |, e.g. espeak|espeak-ng).",
    severity: "high",
    remediationSteps: "The kit installs espeak and ffmpeg. In your own program, add them to the PBX host's cloud-init packages.",
    config: { packages: { type: "array", items: { type: "string" }, default: ["espeak|espeak-ng", "ffmpeg"], description: "System packages the PBX needs." } },
    validate: (context) => {
        eachPbxHost(context, (_host, config, source) => {
            const installed = packagesOf(config);
            const missing = context.config.packages.filter((entry) => !entry.split("|").some((name) => installed.includes(name)));
            if (missing.length > 0) {
                context.report(`does not install ${missing.join(", ")}`, source);
            }
        });
    },
});

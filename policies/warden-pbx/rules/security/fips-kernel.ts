import { imageOf, ubuntuImage } from "../../../lib/hosts";
import { simpleCommands } from "../../../lib/systemd";
import { automatedRule } from "../../../lib/rule";
import { eachPbxHost } from "../../pbx";

export default automatedRule({
    name: "fips-kernel",
    items: ["WP-3.3.1.5"],
    description: "The PBX host runs Ubuntu's FIPS kernel: it boots a Canonical Ubuntu Pro FIPS image, or a boot command enables it through Ubuntu Pro (`pro enable fips` / `fips-updates` / `fips-preview`, or the older `ua enable`).",
    severity: "medium",
    remediationSteps: "Boot a Canonical Pro FIPS image or attach Ubuntu Pro and run `pro enable fips-updates --assume-yes` at first boot (a reboot follows).",
    validate: (context) => {
        eachPbxHost(context, (host, config, source) => {
            const image = ubuntuImage(imageOf(host).imageId);
            const enabled = simpleCommands(config).some((command) => /^(pro|ua)\s+enable\s+(fips|fips-updates|fips-preview)\b/.test(command));
            if (!enabled && !(image?.family.includes("fips") ?? false)) {
                context.report("neither boots a FIPS image nor enables the FIPS kernel with Ubuntu Pro", source);
            }
        });
    },
});

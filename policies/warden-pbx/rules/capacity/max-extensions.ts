import { EXTENSIONS_TAG, extensionsOf, pbxHosts } from "../../../lib/hosts";
import { tagsOf } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { NO_PBX_HOST } from "../../pbx";

export default automatedRule({
    name: "max-extensions",
    items: ["WP-6.2.1.1"],
    description: "The maximum number of extensions is recorded on each PBX host as the readiness:extensions tag, a positive whole number; the sizing rules (WP-1.1.1.x, WP-1.3.1.x) read it.",
    severity: "medium",
    remediationSteps: "In the kit, set `readiness-kit:wardenExtensions`. In your own program, tag the PBX instance with readiness:extensions = <maximum extensions>.",
    validate: ({ resources, report }) => {
        const hosts = pbxHosts(resources);
        if (hosts.length === 0) {
            report(NO_PBX_HOST);
        }
        for (const host of hosts) {
            const extensions = extensionsOf(host);
            if (extensions === undefined || !Number.isInteger(extensions) || extensions < 1) {
                report(`records no maximum extension count (tag ${EXTENSIONS_TAG} is ${JSON.stringify(tagsOf(host.instance)[EXTENSIONS_TAG] ?? null)})`, host.instance);
            }
        }
    },
});

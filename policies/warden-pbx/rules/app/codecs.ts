import { automatedRule } from "../../../lib/rule";
import { eachPbxConfig, setting } from "../../pbx";

export default automatedRule({
    name: "codecs",
    items: ["WP-2.1.2.5"],
    description: "The PBX's config.yml states codec preferences: a `codecs` section (or features.webrtc.codecs list) with at least one codec enabled.",
    severity: "medium",
    remediationSteps: "The kit's config.yml enables PCMU, PCMA and G.722 in priority order. In your own program, set the codecs section.",
    validate: (context) => {
        eachPbxConfig(context, (file, source) => {
            const section = setting(file.data, "codecs");
            const list = setting(file.data, "features.webrtc.codecs");
            const entries = [...(section && typeof section === "object" && !Array.isArray(section) ? Object.values(section) : []), ...(Array.isArray(section) ? section : []), ...(Array.isArray(list) ? list : [])];
            if (!entries.some((entry) => entry && typeof entry === "object" && (entry as Record<string, unknown>).enabled === true)) {
                context.report(`${file.source} enables no codec (codecs section)`, source);
            }
        });
    },
});

import { automatedRule } from "../../../lib/rule";
import { eachPbxConfig, setting } from "../../pbx";

export default automatedRule<{ emergencyNumber: string }>({
    name: "dialplan",
    items: ["WP-2.1.2.7"],
    description: "The PBX's config.yml has a dialplan section whose patterns are all valid regular expressions, one of which matches the emergency number dialed directly (911).",
    severity: "high",
    remediationSteps: "The kit's dialplan has internal, outbound, voicemail and emergency (^9?911$) patterns. In your own program, add the dialplan section with a pattern matching 911.",
    config: { emergencyNumber: { type: "string", default: "911", description: "Emergency number that must be dialable." } },
    validate: (context) => {
        eachPbxConfig(context, (file, source) => {
            const dialplan = setting(file.data, "dialplan");
            const patterns = dialplan && typeof dialplan === "object" ? Object.entries(dialplan as Record<string, unknown>).filter(([, value]) => typeof value === "string") : [];
            if (patterns.length === 0) {
                context.report(`${file.source} has no dialplan rules`, source);
                return;
            }
            const compiled = patterns.flatMap(([key, value]) => {
                try {
                    return [new RegExp(value as string)];
                } catch {
                    context.report(`${file.source} dialplan.${key} is not a valid pattern: ${value}`, source);
                    return [];
                }
            });
            if (!compiled.some((pattern) => pattern.test(context.config.emergencyNumber))) {
                context.report(`${file.source} has no dialplan pattern matching ${context.config.emergencyNumber}`, source);
            }
        });
    },
});

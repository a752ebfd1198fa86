import { automatedRule } from "../../../lib/rule";
import { eachPbxConfig, setting } from "../../pbx";

export default automatedRule<{ levels: string[] }>({
    name: "log-level",
    items: ["WP-4.2.1.5"],
    description: "The PBX's config.yml sets logging.level to one of `levels` (INFO, WARNING), and WebRTC verbose logging (features.webrtc.verbose_logging) is off.",
    severity: "medium",
    remediationSteps: "Set logging.level: INFO and features.webrtc.verbose_logging: false in config.yml (the kit does).",
    config: { levels: { type: "array", items: { type: "string" }, default: ["INFO", "WARNING"], description: "Log levels allowed in production." } },
    validate: (context) => {
        eachPbxConfig(context, (file, source) => {
            const level = String(setting(file.data, "logging.level") ?? "(none)").toUpperCase();
            if (!context.config.levels.includes(level)) {
                context.report(`${file.source} logs at level ${level}; production uses ${context.config.levels.join(" or ")}`, source);
            }
            if (setting(file.data, "features.webrtc.verbose_logging") === true) {
                context.report(`${file.source} turns on verbose WebRTC logging`, source);
            }
        });
    },
});

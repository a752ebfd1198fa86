import { automatedRule } from "../../../lib/rule";
import { eachPbxConfig, setting } from "../../pbx";

export default automatedRule({
    name: "recording-announcements",
    items: ["WP-3.5.1.6"],
    description:
        "Announcements are required where calls are recorded: when config.yml enables call recording (features.call_recording or recording.auto_record), features.call_recording_announcements.enabled must be true; without recording the item does not apply.",
    severity: "high",
    remediationSteps: "Set features.call_recording_announcements.enabled: true in config.yml (the kit does).",
    validate: (context) => {
        let recording = 0;
        let hosts = 0;
        eachPbxConfig(context, (file, source) => {
            hosts += 1;
            if (setting(file.data, "features.call_recording") !== true && setting(file.data, "recording.auto_record") !== true) {
                return;
            }
            recording += 1;
            if (setting(file.data, "features.call_recording_announcements.enabled") !== true) {
                context.report(`${file.source} records calls without recording announcements (features.call_recording_announcements.enabled)`, source);
            }
        });
        if (hosts > 0 && recording === 0) {
            context.notApplicable("config.yml enables no call recording");
        }
    },
});

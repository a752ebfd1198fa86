import { timezoneProblem } from "../../../lib/host-checks";
import { automatedRule } from "../../../lib/rule";
import { eachAppHost } from "../../voiceassist";

export default automatedRule<{ timezone: string }>({
    name: "utc-timezone",
    items: ["VA-1.1.7"],
    description: "Reads each VoiceAssist server's cloud-init `timezone`: it must be set, a valid IANA zone, and equal this policy's `timezone` (UTC; Etc/UTC is the same zone).",
    severity: "medium",
    remediationSteps: "The kit sets `timezone: UTC`. In your own program, add `timezone: UTC` to the server's cloud-config.",
    config: { timezone: { type: "string", default: "UTC", description: "The zone servers must use." } },
    validate: (context) => {
        eachAppHost(context, (_host, config, source) => {
            const problem = timezoneProblem(config, context.config.timezone, context.config.timezone === "UTC" ? ["Etc/UTC"] : []);
            if (problem) {
                context.report(problem, source);
            }
        });
    },
});

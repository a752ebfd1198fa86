import { timezoneProblem } from "../../../lib/host-checks";
import { automatedRule } from "../../../lib/rule";
import { eachPbxHost } from "../../pbx";

export default automatedRule<{ timezone: string }>({
    name: "timezone",
    items: ["WP-1.1.2.4"],
    description:
        "Reads the PBX host's cloud-init `timezone`: it must be set to a valid IANA time zone, and equal this policy's `timezone` when that is set (empty by default: the checklist names no zone).",
    severity: "medium",
    remediationSteps:
        "The kit sets `timezone` from `readiness-kit:wardenTimezone` (default UTC). In your own program, add `timezone: <Area/City>` to the PBX host's cloud-config; set this policy's `timezone` to enforce a particular zone.",
    config: {
        timezone: { type: "string", default: "", description: "The zone hosts must use (e.g. UTC, America/Chicago); empty accepts any valid zone." },
    },
    validate: (context) => {
        eachPbxHost(context, (_host, cloud, source) => {
            const problem = timezoneProblem(cloud, context.config.timezone);
            if (problem) {
                context.report(problem, source);
            }
        });
    },
});

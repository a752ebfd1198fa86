import { automatedRule } from "../../../lib/rule";
import { eachPbxHost } from "../../pbx";

/** An IANA zone the ICU data of Node knows (DateTimeFormat throws RangeError for others). */
function isTimeZone(zone: string): boolean {
    try {
        new Intl.DateTimeFormat("en-US", { timeZone: zone });
        return /^[A-Za-z]/.test(zone);
    } catch {
        return false;
    }
}

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
            const zone = cloud.timezone;
            if (typeof zone !== "string" || zone === "") {
                context.report("sets no timezone, so the host keeps whatever the image has", source);
            } else if (!isTimeZone(zone)) {
                context.report(`sets timezone ${zone}, which is not an IANA time zone`, source);
            } else if (context.config.timezone !== "" && zone !== context.config.timezone) {
                context.report(`sets timezone ${zone}; ${context.config.timezone} is required`, source);
            }
        });
    },
});

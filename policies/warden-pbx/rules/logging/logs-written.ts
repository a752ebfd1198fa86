import { alarmsOn, requireAlarm, watches } from "../../../lib/alarms";
import { automatedRule } from "../../../lib/rule";
import { eachPbxConfig, setting } from "../../pbx";
import { shipments, shipmentsOf } from "./shipped";

export default automatedRule({
    name: "logs-written",
    items: ["WP-2.2.2.4"],
    description:
        "In production, logs being written is watched: the PBX's log file (config.yml logging.file) is shipped by the CloudWatch agent to a log group of the program, and an alarm on AWS/Logs IncomingLogEvents of that group fires when events stop (LessThanThreshold) and notifies a subscribed SNS topic.",
    severity: "medium",
    remediationSteps: "The kit alarms when /warden-pbx/pbx receives fewer than 1 event in 15 minutes. Add an alarm (AWS/Logs IncomingLogEvents, dimensions {LogGroupName: group.name}, LessThanThreshold 1) to your program.",
    validate: (context) => {
        eachPbxConfig(context, (file, source, _host, config) => {
            const logFile = setting(file.data, "logging.file");
            const shipped = shipments(context.resources, config);
            if (typeof shipped === "string") {
                context.report(`${shipped}, so nothing notices when the PBX stops writing logs`, source);
                return;
            }
            const groups = typeof logFile === "string" ? shipmentsOf(shipped, logFile).flatMap((entry) => (entry.group ? [entry.group] : [])) : [];
            if (groups.length === 0) {
                context.report(`does not ship the PBX log ${String(logFile ?? "(no logging.file)")} to a log group of this program`, source);
                return;
            }
            const candidates = alarmsOn(context.resources, "AWS/Logs", ["IncomingLogEvents"]).filter((alarm) => groups.some((group) => watches(alarm, group)) && alarm.direction === "below");
            requireAlarm(context.resources, { what: `the PBX log group ${groups.map((group) => `"${group.name}"`).join(", ")} falling silent (IncomingLogEvents below a threshold)`, candidates }, context.report);
        });
    },
});

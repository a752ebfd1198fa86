import { automatedRule } from "../../../lib/rule";
import { eachPbxConfig, setting } from "../../pbx";
import { shipments, shipmentsOf } from "./shipped";

export default automatedRule({
    name: "centralized-logging",
    items: ["WP-4.2.1.4"],
    description: "The PBX host's CloudWatch agent (started at boot) ships the PBX's log file (config.yml logging.file) to a CloudWatch log group the program creates.",
    severity: "medium",
    remediationSteps: "The kit's agent ships /var/log/pbx/*.log to /warden-pbx/pbx. Add a collect_list entry for the PBX log and create the aws.cloudwatch.LogGroup.",
    validate: (context) => {
        eachPbxConfig(context, (file, source, _host, config) => {
            const logFile = setting(file.data, "logging.file");
            const shipped = shipments(context.resources, config);
            if (typeof shipped === "string") {
                context.report(`${shipped}, so the PBX log stays on the host`, source);
                return;
            }
            const own = typeof logFile === "string" ? shipmentsOf(shipped, logFile).filter((entry) => entry.group) : [];
            if (own.length === 0) {
                context.report(`does not ship the PBX log ${String(logFile ?? "(no logging.file)")} to a log group of this program`, source);
            }
        });
    },
});

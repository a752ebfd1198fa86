import { retentionDays } from "../../../lib/logs";
import { automatedRule } from "../../../lib/rule";
import { eachPbxHost } from "../../pbx";
import { shipments } from "./shipped";

export default automatedRule<{ minDays: number; maxDays: number }>({
    name: "log-retention",
    items: ["WP-4.2.1.3"],
    description: "Every CloudWatch log group the PBX host's agent ships logs to is a log group of the program with retentionInDays between minDays (30) and maxDays (90).",
    severity: "high",
    remediationSteps: "In the kit, set `readiness-kit:wardenLogRetentionDays` between 30 and 90. In your own program, create the aws.cloudwatch.LogGroup named in the agent configuration with retentionInDays in that range.",
    config: {
        minDays: { type: "integer", minimum: 1, default: 30, description: "Shortest retention." },
        maxDays: { type: "integer", minimum: 1, default: 90, description: "Longest retention." },
    },
    validate: (context) => {
        eachPbxHost(context, (_host, config, source) => {
            const shipped = shipments(context.resources, config);
            if (typeof shipped === "string") {
                context.report(`${shipped}, so no log retention applies`, source);
                return;
            }
            if (shipped.length === 0) {
                context.report("ships no log file to CloudWatch, so no log retention applies", source);
            }
            for (const { file, group } of shipped) {
                if (!group) {
                    context.report(`ships ${file.filePath} to log group ${file.logGroupName ?? "(none)"}, which this program does not create with a retention`, source);
                    continue;
                }
                const days = retentionDays(group);
                if (days === undefined || days < context.config.minDays || days > context.config.maxDays) {
                    context.report(`keeps logs ${days === undefined ? "forever" : `${days} days`}; ${context.config.minDays}-${context.config.maxDays} days are required`, group);
                }
            }
        });
    },
});

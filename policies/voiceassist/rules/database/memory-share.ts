// shared_buffers and effective_cache_size as a share of the instance's memory.
import { instanceSize } from "../../../lib/instance-types";
import { memoryShare, parameterGroupOf, parametersOf, postgresDatabases } from "../../../lib/databases";
import { AutomatedRule, automatedRule } from "../../../lib/rule";
import { NO_DATABASE } from "../../voiceassist";

export function memoryShareRule(options: { name: string; item: string; parameter: string; share: number }): AutomatedRule {
    const percent = Math.round(options.share * 100);
    return automatedRule<{ share: number; tolerance: number }>({
        name: options.name,
        items: [options.item],
        description: `Each PostgreSQL database's parameter group sets ${options.parameter} to \`share\` (${percent}%) of the instance's memory, within \`tolerance\`: the RDS formula {DBInstanceClassMemory*m/d} (in 8 kB pages) or a number of 8 kB pages compared with the memory of the instance class (policies/lib/instance-types.ts).`,
        severity: "medium",
        remediationSteps: `The kit sets ${options.parameter} to {DBInstanceClassMemory${options.share === 0.25 ? "" : "*3"}/32768} (${percent}% of memory in 8 kB pages). In your own program, set that value in the database's aws.rds.ParameterGroup.`,
        config: {
            share: { type: "number", minimum: 0, maximum: 1, default: options.share, description: `Share of memory ${options.parameter} must give.` },
            tolerance: { type: "number", minimum: 0, maximum: 1, default: 0.05, description: "Accepted difference from the share." },
        },
        validate: ({ resources, config, report }) => {
            const databases = postgresDatabases(resources);
            if (databases.length === 0) {
                report(NO_DATABASE);
            }
            for (const database of databases) {
                const group = parameterGroupOf(database);
                const value = parametersOf(group).get(options.parameter);
                const share = memoryShare(value, instanceSize(String(database.props.instanceClass ?? ""))?.memoryGiB);
                if (value === undefined) {
                    report(`leaves ${options.parameter} at the RDS default; ${percent}% of memory is required`, group ?? database);
                } else if (share === undefined) {
                    report(`sets ${options.parameter} to ${value}, whose share of memory cannot be computed (unknown instance class)`, group ?? database);
                } else if (Math.abs(share - config.share) > config.tolerance) {
                    report(`sets ${options.parameter} to ${value}, ${Math.round(share * 100)}% of memory; ${Math.round(config.share * 100)}% is required`, group ?? database);
                }
            }
        },
    });
}

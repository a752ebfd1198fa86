import { missingParameters, postgresDatabases } from "../../../lib/databases";
import { automatedRule } from "../../../lib/rule";
import { NO_DATABASE } from "../../pbx";

export default automatedRule<{ tunedParameters: string[] }>({
    name: "db-tuning",
    items: ["WP-1.2.1.6"],
    description:
        "Each PostgreSQL database uses a parameter group held by the program (not the RDS default group) that sets every parameter in tunedParameters (memory settings by default).",
    severity: "medium",
    remediationSteps:
        "The kit's database component writes a parameter group with shared_buffers, effective_cache_size, work_mem and maintenance_work_mem sized for the instance class. In your own program, create an aws.rds.ParameterGroup with those parameters and pass it as `parameterGroupName`.",
    config: {
        tunedParameters: {
            type: "array",
            items: { type: "string" },
            default: ["shared_buffers", "effective_cache_size", "work_mem", "maintenance_work_mem"],
            description: "Parameters the production parameter group must set.",
        },
    },
    validate: ({ resources, config, report }) => {
        const databases = postgresDatabases(resources);
        if (databases.length === 0) {
            report(NO_DATABASE);
        }
        for (const database of databases) {
            const { group, missing } = missingParameters(database, config.tunedParameters);
            if (!group) {
                report("uses the default parameter group, tuned for no workload", database);
                continue;
            }
            if (missing.length > 0) {
                report(`does not set ${missing.join(", ")}`, group);
            }
        }
    },
});

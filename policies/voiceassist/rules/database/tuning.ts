import { missingParameters, postgresDatabases } from "../../../lib/databases";
import { automatedRule } from "../../../lib/rule";
import { NO_DATABASE } from "../../voiceassist";

export default automatedRule<{ tunedParameters: string[] }>({
    name: "tuning",
    items: ["VA-5.2.2"],
    description: "Each PostgreSQL database (primary and replicas) uses a parameter group held by the program, not the RDS default group, that sets every parameter in tunedParameters.",
    severity: "medium",
    remediationSteps: "The kit's parameter group sets shared_buffers, effective_cache_size, max_connections and work_mem. In your own program, create an aws.rds.ParameterGroup with them and pass it as parameterGroupName.",
    config: { tunedParameters: { type: "array", items: { type: "string" }, default: ["shared_buffers", "effective_cache_size", "max_connections", "work_mem"], description: "Parameters the group must set." } },
    validate: ({ resources, config, report }) => {
        const databases = postgresDatabases(resources);
        if (databases.length === 0) {
            report(NO_DATABASE);
        }
        for (const database of databases) {
            const { group, missing } = missingParameters(database, config.tunedParameters);
            if (!group) {
                report("uses the default parameter group, tuned for no workload", database);
            } else if (missing.length > 0) {
                report(`does not set ${missing.join(", ")}`, group);
            }
        }
    },
});

import { automatedRule } from "../../../lib/rule";
import { replicasOf, requireDatabases } from "../../voiceassist";

export default automatedRule({
    name: "read-replica",
    items: ["VA-5.1.7", "VA-9.1.2"],
    description:
        "Each primary PostgreSQL database has a read replica in the program (an RDS instance whose replicateSourceDb refers to it), encrypted (storageEncrypted, or inherited) and protected against deletion.",
    severity: "high",
    remediationSteps: "The kit creates `voiceassist-db-replica` with replicateSourceDb = the primary (`readiness-kit:voiceassistDbReplica` true). In your own program, add an aws.rds.Instance with replicateSourceDb: primary.identifier.",
    validate: (context) => {
        for (const database of requireDatabases(context)) {
            const replicas = replicasOf(context.resources, database);
            if (replicas.length === 0) {
                context.report("has no read replica (no aws:rds/instance with replicateSourceDb referring to it)", database);
            }
            for (const replica of replicas) {
                if (replica.props.storageEncrypted === false) {
                    context.report("is an unencrypted replica", replica);
                }
                if (replica.props.deletionProtection !== true) {
                    context.report("is a replica without deletionProtection", replica);
                }
            }
        }
    },
});

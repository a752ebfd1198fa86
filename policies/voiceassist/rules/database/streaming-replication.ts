import { regionOf } from "../../../lib/regions";
import { backupRetention } from "../../../lib/databases";
import { automatedRule } from "../../../lib/rule";
import { replicasOf, requireDatabases } from "../../voiceassist";

export default automatedRule({
    name: "streaming-replication",
    items: ["VA-9.1.3"],
    description:
        "The replica streams from the primary: a read replica of each primary lives in the primary's region (RDS replicates within a region with PostgreSQL streaming replication) and the primary keeps automated backups (backupRetentionPeriod > 0), without which RDS cannot create or keep a replica.",
    severity: "high",
    remediationSteps: "The kit creates the replica in the primary's region and keeps 30 days of automated backups. In your own program, keep backupRetentionPeriod above 0 and create the replica with the primary's provider.",
    validate: (context) => {
        for (const database of requireDatabases(context)) {
            const replicas = replicasOf(context.resources, database).filter((replica) => regionOf(replica) === regionOf(database));
            if (replicas.length === 0) {
                context.report("has no read replica in its own region streaming from it", database);
            }
            if ((backupRetention(database) ?? 1) < 1) {
                context.report("has automated backups off (backupRetentionPeriod 0), which RDS read replicas require", database);
            }
        }
    },
});

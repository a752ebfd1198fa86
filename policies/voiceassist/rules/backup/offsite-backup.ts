import { rulesCovering } from "../../../lib/backups";
import { describeRegion, regionOf } from "../../../lib/regions";
import { referrers } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { requireDatabases } from "../../voiceassist";

const BACKUP_REPLICATION = "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication";

export default automatedRule({
    name: "offsite-backup",
    items: ["VA-9.2.5"],
    description: "Each primary PostgreSQL database has a backup copy outside its region: an AWS Backup rule covering it copies to a vault in another region, or RDS replicates its automated backups to another region.",
    severity: "high",
    remediationSteps: "The kit copies every recovery point to its DR vault in `readiness-kit:voiceassistDrRegion`. In your own program, add a copyActions entry to a vault created with a provider for another region.",
    validate: (context) => {
        for (const database of requireDatabases(context)) {
            const home = regionOf(database);
            const copied = rulesCovering(context.resources, database).some((rule) => rule.copies.some((copy) => copy.region !== undefined && copy.region !== home));
            const replicated = referrers(context.resources, database, "sourceDbInstanceArn", BACKUP_REPLICATION).some((replication) => regionOf(replication) !== home);
            if (!copied && !replicated) {
                context.report(`has no backup copy outside ${describeRegion(home)}`, database);
            }
        }
    },
});

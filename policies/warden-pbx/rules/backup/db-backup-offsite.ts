import { rulesCovering } from "../../../lib/backups";

import { describeRegion, regionOf } from "../../../lib/regions";
import { referrers } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { requireDatabases } from "../../pbx";

export const BACKUP_REPLICATION = "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication";

export default automatedRule({
    name: "db-backup-offsite",
    items: ["WP-1.2.2.4"],
    description:
        "Stack-wide: each primary PostgreSQL database's backups leave its region: an AWS Backup rule covering the database copies to a vault in another region (copyActions, the vault's region read from its `region` or its provider), or RDS replicates its automated backups to another region (aws:rds/instanceAutomatedBackupsReplication).",
    severity: "critical",
    remediationSteps:
        "The kit copies every recovery point to a vault in `readiness-kit:wardenDrRegion`. In your own program, add copyActions with a destination vault created through an aws.Provider for another region, or an aws.rds.InstanceAutomatedBackupsReplication in that region.",
    validate: ({ resources, report }) => {
        for (const database of requireDatabases({ resources, report })) {
            const home = regionOf(database);
            const copied = rulesCovering(resources, database).some((rule) => rule.copies.some((copy) => copy.region !== undefined && copy.region !== home));
            const replicated = referrers(resources, database, "sourceDbInstanceArn", BACKUP_REPLICATION).some((replication) => regionOf(replication) !== home);
            if (!copied && !replicated) {
                report(`has no backup copy outside ${describeRegion(home)}`, database);
            }
        }
    },
});

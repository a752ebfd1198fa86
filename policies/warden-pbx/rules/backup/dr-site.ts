import { BACKUP_REPLICATION } from "./db-backup-offsite";
import { describeRegion, regionOf } from "../../../lib/regions";
import { referrers } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { requireProtected, rulesFor } from "./protected";

export default automatedRule({
    name: "dr-site",
    items: ["WP-5.2.1.5"],
    description:
        "A pilot-light DR site exists in another region: the PBX host's and database's recovery points are copied to a vault in that region (copyActions), and the database's automated backups are replicated there (aws:rds/instanceAutomatedBackupsReplication) for point-in-time restores.",
    severity: "medium",
    remediationSteps: "The kit copies to `readiness-kit:wardenDrRegion` and replicates RDS automated backups there. Add the copy action and an aws.rds.InstanceAutomatedBackupsReplication through a provider for the DR region.",
    validate: ({ resources, report }) => {
        for (const entry of requireProtected(resources, report).filter((candidate) => candidate.what !== "data volume" && !candidate.what.endsWith("volume"))) {
            const home = regionOf(entry.resource);
            if (!rulesFor(resources, entry).some((rule) => rule.copies.some((copy) => copy.region !== undefined && copy.region !== home))) {
                report(`(${entry.what}) has no recovery point in a region other than ${describeRegion(home)}`, entry.resource);
            }
            if (entry.what === "database" && !referrers(resources, entry.resource, "sourceDbInstanceArn", BACKUP_REPLICATION).some((replication) => regionOf(replication) !== home)) {
                report("(database) has no automated backups replicated to the DR region", entry.resource);
            }
        }
    },
});

import { vaults } from "../../../lib/backups";
import { primaryPostgres } from "../../../lib/databases";
import { hostVolumes, pbxHosts } from "../../../lib/hosts";
import { customerManagedKey } from "../../../lib/kms";
import { automatedRule } from "../../../lib/rule";

export default automatedRule({
    name: "backup-encryption",
    items: ["WP-5.1.3.3"],
    description:
        "Backups are encrypted: every backup vault uses a customer-managed KMS key (kmsKeyArn), every PostgreSQL database has storageEncrypted (its snapshots inherit it), and every volume of the PBX hosts is encrypted (its snapshots inherit it).",
    severity: "critical",
    remediationSteps: "The kit encrypts vaults, databases and volumes with its KMS key. Set kmsKeyArn on vaults, storageEncrypted on RDS and encrypted on volumes.",
    validate: ({ resources, report }) => {
        const allVaults = vaults(resources);
        if (allVaults.length === 0) {
            report("no backup vault exists");
        }
        for (const vault of allVaults) {
            if (!customerManagedKey(vault, "kmsKeyArn")) {
                report("encrypts recovery points with no customer-managed KMS key (kmsKeyArn; AWS-managed alias/aws/backup does not count)", vault);
            }
        }
        for (const database of primaryPostgres(resources)) {
            if (database.props.storageEncrypted !== true) {
                report("is not encrypted (storageEncrypted), so its snapshots are not either", database);
            }
        }
        for (const host of pbxHosts(resources)) {
            for (const volume of hostVolumes(resources, host).filter((entry) => !entry.encrypted)) {
                report(`has an unencrypted volume ${volume.deviceName ?? ""}, so its snapshots are not encrypted`.replace(" ,", ","), volume.resource);
            }
        }
    },
});

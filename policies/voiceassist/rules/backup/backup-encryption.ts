import { BACKUP_VAULT, plansCovering } from "../../../lib/backups";
import { customerManagedKey } from "../../../lib/kms";
import { referenced } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { requireDatabases } from "../../voiceassist";

export default automatedRule({
    name: "backup-encryption",
    items: ["VA-5.3.3", "VA-9.2.2"],
    description:
        "Backups are encrypted (KMS, the AWS equivalent of GPG-encrypting dump files): each primary PostgreSQL database encrypts its storage (snapshots inherit it), and every backup vault its AWS Backup rules write or copy to is encrypted with a customer-managed KMS key (kmsKeyArn).",
    severity: "critical",
    remediationSteps: "The kit encrypts the database and both vaults with its KMS keys. In your own program, set storageEncrypted + kmsKeyId on the database and kmsKeyArn on every aws.backup.Vault.",
    validate: (context) => {
        for (const database of requireDatabases(context)) {
            if (database.props.storageEncrypted !== true) {
                context.report("is not encrypted (storageEncrypted), so neither are its snapshots", database);
            }
            const vaults = plansCovering(context.resources, database).flatMap((plan) => referenced(plan, "rules", BACKUP_VAULT));
            for (const vault of vaults.filter((entry) => !customerManagedKey(entry, "kmsKeyArn"))) {
                context.report("keeps recovery points without a customer-managed KMS key (kmsKeyArn)", vault);
            }
        }
    },
});

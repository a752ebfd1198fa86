import { BACKUP_VAULT, plansCovering, vaultCompanions, VAULT_LOCK } from "../../../lib/backups";
import { referenced } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { requireDatabases } from "../../voiceassist";

export default automatedRule({
    name: "backup-storage",
    items: ["VA-5.3.4"],
    description:
        "Backups are stored in a backup vault of the program: every AWS Backup plan covering a primary PostgreSQL database writes to an aws:backup/vault the program creates (read from the plan's rules), and that vault is locked (aws:backup/vaultLockConfiguration) so recovery points cannot be deleted early.",
    severity: "high",
    remediationSteps: "The kit writes to its `voiceassist` vault with a vault lock. In your own program, create aws.backup.Vault + VaultLockConfiguration and name the vault in the plan's targetVaultName.",
    validate: (context) => {
        for (const database of requireDatabases(context)) {
            const plans = plansCovering(context.resources, database);
            if (plans.length === 0) {
                context.report("has no AWS Backup plan, so its backups are stored nowhere the program defines", database);
            }
            for (const plan of plans) {
                const vaults = referenced(plan, "rules", BACKUP_VAULT);
                if (vaults.length === 0) {
                    context.report("writes to a backup vault this program does not create", plan);
                } else if (!vaults.some((vault) => vaultCompanions(context.resources, vault, VAULT_LOCK).length > 0)) {
                    context.report(`writes to vault ${vaults[0].name}, which has no vault lock`, vaults[0]);
                }
            }
        }
    },
});

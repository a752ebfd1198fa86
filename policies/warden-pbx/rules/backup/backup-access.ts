import { VAULT_LOCK, VAULT_POLICY, vaultCompanions, vaults } from "../../../lib/backups";
import { asNumber } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";

export default automatedRule<{ minLockDays: number }>({
    name: "backup-access",
    items: ["WP-5.1.3.4"],
    description:
        "Nobody can delete backups early: every backup vault has a vault lock (aws:backup/vaultLockConfiguration with minRetentionDays of at least minLockDays) or an access policy denying backup:DeleteRecoveryPoint.",
    severity: "high",
    remediationSteps: "The kit locks its vaults (minRetentionDays 30 locally, 90 off-site). Add an aws.backup.VaultLockConfiguration or a VaultPolicy with a Deny on backup:DeleteRecoveryPoint.",
    config: { minLockDays: { type: "integer", minimum: 1, default: 7, description: "Shortest minimum retention a lock must enforce." } },
    validate: ({ resources, config, report }) => {
        if (vaults(resources).length === 0) {
            report("no backup vault exists");
        }
        for (const vault of vaults(resources)) {
            const locked = vaultCompanions(resources, vault, VAULT_LOCK).some((lock) => (asNumber(lock.props.minRetentionDays) ?? 0) >= config.minLockDays);
            const denied = vaultCompanions(resources, vault, VAULT_POLICY).some((policy) => {
                const text = typeof policy.props.policy === "string" ? policy.props.policy : "";
                return /"Effect"\s*:\s*"Deny"/.test(text) && /backup:DeleteRecoveryPoint|backup:\*/.test(text);
            });
            if (!locked && !denied) {
                report("lets anyone with backup permissions delete recovery points (no vault lock or deny policy)", vault);
            }
        }
    },
});

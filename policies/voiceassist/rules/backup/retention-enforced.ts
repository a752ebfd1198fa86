import { BACKUP_VAULT, GOVERNANCE_MODE_LOCK, plansCovering, rulesOf, vaultLockMode } from "../../../lib/backups";
import { referenced } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { requireDatabases } from "../../voiceassist";

export default automatedRule<{ days: number }>({
    name: "retention-enforced",
    items: ["VA-9.2.6"],
    description:
        "The 30-day retention is enforced, not only configured: every AWS Backup rule covering a primary PostgreSQL database expires its recovery points (lifecycle.deleteAfter) no earlier than `days`, and the vault it writes to has a vault lock in compliance mode (changeableForDays set, so the lock itself becomes immutable) whose minRetentionDays is at least `days`, so nobody can delete them earlier.",
    severity: "high",
    remediationSteps: "The kit's rule sets lifecycle.deleteAfter 30 and its vault lock minRetentionDays 30. In your own program, add an aws.backup.VaultLockConfiguration with minRetentionDays 30 and changeableForDays (at least 3: the grace period after which the lock cannot be removed).",
    config: { days: { type: "integer", minimum: 1, default: 30, description: "Retention to enforce, in days." } },
    validate: (context) => {
        for (const database of requireDatabases(context)) {
            const plans = plansCovering(context.resources, database);
            if (plans.length === 0) {
                context.report("is in no AWS Backup plan whose retention could be enforced", database);
            }
            for (const plan of plans) {
                for (const rule of rulesOf(plan).filter((entry) => entry.deleteAfterDays === undefined || entry.deleteAfterDays < context.config.days)) {
                    context.report(`rule ${rule.name} ${rule.deleteAfterDays === undefined ? "never expires recovery points" : `expires recovery points after ${rule.deleteAfterDays} days`}; ${context.config.days} are required`, plan);
                }
                for (const vault of referenced(plan, "rules", BACKUP_VAULT)) {
                    const mode = vaultLockMode(context.resources, vault, context.config.days);
                    if (mode === "none") {
                        context.report(`is not locked to keep recovery points ${context.config.days} days (vault lock minRetentionDays)`, vault);
                    } else if (mode === "governance") {
                        context.report(GOVERNANCE_MODE_LOCK, vault);
                    }
                }
            }
        }
    },
});

import { PolicyResource } from "@pulumi/policy";
import { alarmsOn, requireAlarm, subscriptionsOf, watches } from "../../../lib/alarms";
import { BACKUP_VAULT, VAULT_NOTIFICATIONS, plans, rulesOf, vaultCompanions } from "../../../lib/backups";
import { regionOf } from "../../../lib/regions";
import { referenced } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";

export default automatedRule({
    name: "backup-monitoring",
    items: ["WP-5.1.3.5"],
    description:
        "Failed backups alert someone: each vault that backup plans write to (in the plan's own region; copy-only vaults receive no backup jobs, and failed copies are reported at the source) either sends BACKUP_JOB_FAILED, plus COPY_JOB_FAILED when its plan copies, to an SNS topic with a subscription (aws:backup/vaultNotifications), or is watched by an alarm on AWS/Backup NumberOfBackupJobsFailed that notifies a subscribed topic.",
    severity: "high",
    remediationSteps: "The kit sets vault notifications to its alerts topic and alarms on NumberOfBackupJobsFailed. Add aws.backup.VaultNotifications {backupVaultEvents: [\"BACKUP_JOB_FAILED\", \"COPY_JOB_FAILED\"]} to a subscribed topic.",
    validate: ({ resources, report }) => {
        const targets = new Map<string, { vault: PolicyResource; copies: boolean }>();
        for (const plan of plans(resources)) {
            const copies = rulesOf(plan).some((rule) => rule.copies.length > 0);
            for (const vault of referenced(plan, "rules", BACKUP_VAULT).filter((candidate) => regionOf(candidate) === regionOf(plan))) {
                targets.set(vault.urn, { vault, copies: copies || (targets.get(vault.urn)?.copies ?? false) });
            }
        }
        if (targets.size === 0) {
            report("no backup plan writes to a vault of this program, so there are no backup jobs to watch");
        }
        for (const { vault, copies } of targets.values()) {
            const events = copies ? ["BACKUP_JOB_FAILED", "COPY_JOB_FAILED"] : ["BACKUP_JOB_FAILED"];
            const notified = vaultCompanions(resources, vault, VAULT_NOTIFICATIONS).some(
                (notification) =>
                    events.every((event) => ((notification.props.backupVaultEvents ?? []) as unknown[]).includes(event)) &&
                    referenced(notification, "snsTopicArn").some((topic) => subscriptionsOf(resources, topic).length > 0),
            );
            if (notified) {
                continue;
            }
            const alarms = alarmsOn(resources, "AWS/Backup", ["NumberOfBackupJobsFailed", "NumberOfCopyJobsFailed"]).filter((alarm) => watches(alarm, vault));
            requireAlarm(resources, { what: `failed backup jobs of vault "${vault.name}" (and it sends no ${events.join("/")} notification to a subscribed topic)`, candidates: alarms }, report);
        }
    },
});

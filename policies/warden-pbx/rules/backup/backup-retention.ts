import { describeRegion, regionOf } from "../../../lib/regions";
import { automatedRule } from "../../../lib/rule";
import { requireProtected, rulesFor } from "./protected";

export default automatedRule<{ localDays: number; offsiteDays: number }>({
    name: "backup-retention",
    items: ["WP-5.1.2.4"],
    description:
        "For every PBX database, instance and data volume, the AWS Backup rules covering it keep local recovery points at least localDays (30; lifecycle.deleteAfter, none = forever) and copy them to another region where they stay at least offsiteDays (90).",
    severity: "high",
    remediationSteps: "In the kit, set `readiness-kit:wardenBackupRetentionDays` (>= 30) and `wardenOffsiteRetentionDays` (>= 90). In your own program, set lifecycle.deleteAfter on the rule and on its copyActions.",
    config: {
        localDays: { type: "integer", minimum: 1, default: 30, description: "Days recovery points stay in the local vault." },
        offsiteDays: { type: "integer", minimum: 1, default: 90, description: "Days copies stay off-site." },
    },
    validate: ({ resources, config, report }) => {
        for (const entry of requireProtected(resources, report)) {
            const rules = rulesFor(resources, entry);
            if (rules.length === 0) {
                report(`(${entry.what}) is in no AWS Backup plan`, entry.resource);
                continue;
            }
            const local = Math.max(...rules.map((rule) => rule.deleteAfterDays ?? Infinity));
            if (local < config.localDays) {
                report(`(${entry.what}) keeps local backups ${local} days; at least ${config.localDays} are required`, entry.resource);
            }
            const home = regionOf(entry.resource);
            const copies = rules.flatMap((rule) => rule.copies).filter((copy) => copy.region !== undefined && copy.region !== home);
            const offsite = copies.length === 0 ? 0 : Math.max(...copies.map((copy) => copy.deleteAfterDays ?? Infinity));
            if (offsite < config.offsiteDays) {
                report(`(${entry.what}) keeps off-site copies ${copies.length === 0 ? `nowhere outside ${describeRegion(home)}` : `${offsite} days`}; at least ${config.offsiteDays} days are required`, entry.resource);
            }
        }
    },
});

import { BACKUP_VAULT } from "../../../lib/backups";
import { regionOf } from "../../../lib/regions";
import { referenced } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { protectedResources, rulesFor } from "./protected";

export default automatedRule({
    name: "local-backup-location",
    items: ["WP-5.1.3.1"],
    description: "Every backup plan protecting PBX resources targets a backup vault of the program in the resources' own region (the local copy that restores fastest).",
    severity: "high",
    remediationSteps: "The kit's plan targets the `warden-pbx` vault in the stack's region. Create an aws.backup.Vault and use its name as targetVaultName.",
    validate: ({ resources, report }) => {
        const covered = protectedResources(resources).filter((entry) => rulesFor(resources, entry).length > 0);
        if (covered.length === 0) {
            report("no backup plan protects the PBX's database, host or data volumes");
        }
        const plans = [...new Map(covered.flatMap((entry) => rulesFor(resources, entry)).map((rule) => [rule.plan.urn, rule.plan])).values()];
        for (const plan of plans) {
            const home = regionOf(plan);
            if (!referenced(plan, "rules", BACKUP_VAULT).some((vault) => regionOf(vault) === home)) {
                report("targets no backup vault of this program in its own region", plan);
            }
        }
    },
});

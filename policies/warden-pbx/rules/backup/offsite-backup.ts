import { describeRegion, regionOf } from "../../../lib/regions";
import { automatedRule } from "../../../lib/rule";
import { requireProtected, rulesFor } from "./protected";

export default automatedRule({
    name: "offsite-backup",
    items: ["WP-5.1.3.2"],
    description: "Stack-wide: every PBX database, instance and data volume is covered by a backup rule that copies its recovery points to a vault in another region (copyActions).",
    severity: "critical",
    remediationSteps: "The kit copies to a vault in `readiness-kit:wardenDrRegion`. Add copyActions to a vault created through an aws.Provider for another region.",
    validate: ({ resources, report }) => {
        for (const entry of requireProtected(resources, report)) {
            const home = regionOf(entry.resource);
            if (!rulesFor(resources, entry).some((rule) => rule.copies.some((copy) => copy.region !== undefined && copy.region !== home))) {
                report(`(${entry.what}) has no backup copy outside ${describeRegion(home)}`, entry.resource);
            }
        }
    },
});

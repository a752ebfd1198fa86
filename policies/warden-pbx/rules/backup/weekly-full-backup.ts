import { atLeast, plansCovering, rulesOf } from "../../../lib/backups";
import { pbxHosts } from "../../../lib/hosts";
import { automatedRule } from "../../../lib/rule";
import { NO_PBX_HOST } from "../../pbx";

export default automatedRule({
    name: "weekly-full-backup",
    items: ["WP-5.1.2.2"],
    description: "Each PBX instance (a full-system image: every attached volume) is covered by an AWS Backup rule that runs at least weekly.",
    severity: "high",
    remediationSteps: "The kit's plan has a weekly rule and selects the PBX instance. Add the instance to a selection of a plan with a weekly (or daily) rule.",
    validate: ({ resources, report }) => {
        const hosts = pbxHosts(resources);
        if (hosts.length === 0) {
            report(NO_PBX_HOST);
        }
        for (const host of hosts) {
            if (!plansCovering(resources, host.instance).flatMap(rulesOf).some((rule) => atLeast(rule.schedule, "weekly"))) {
                report("has no full-system backup at least weekly (no AWS Backup rule covering the instance)", host.instance);
            }
        }
    },
});

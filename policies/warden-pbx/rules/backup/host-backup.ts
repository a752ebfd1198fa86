import { plansCovering } from "../../../lib/backups";
import { pbxHosts } from "../../../lib/hosts";
import { automatedRule } from "../../../lib/rule";
import { NO_PBX_HOST } from "../../pbx";

export default automatedRule({
    name: "host-backup",
    items: ["WP-5.1.1.5", "WP-5.1.1.7"],
    description:
        "Custom voice prompts and phone provisioning templates live in the PBX app directory on the host's root volume: each PBX instance is covered by an AWS Backup selection (an EC2 backup images every attached volume).",
    severity: "high",
    remediationSteps: "The kit selects the PBX instance in its backup plan. Add the instance's ARN to an aws.backup.Selection.",
    validate: ({ resources, report }) => {
        const hosts = pbxHosts(resources);
        if (hosts.length === 0) {
            report(NO_PBX_HOST);
        }
        for (const host of hosts) {
            if (plansCovering(resources, host.instance).length === 0) {
                report("is in no AWS Backup selection, so the prompts and templates in its app directory are not backed up", host.instance);
            }
        }
    },
});

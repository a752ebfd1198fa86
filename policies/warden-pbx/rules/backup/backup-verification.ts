import { ec2RestoreIsolationProblem, restoreSelectionsFor, restoreTested } from "../../../lib/backups";
import { automatedRule } from "../../../lib/rule";
import { requireProtected, rulesFor } from "./protected";

export default automatedRule({
    name: "backup-verification",
    items: ["WP-5.1.2.5"],
    description:
        "Backup integrity is verified automatically: every PBX database, instance and data volume that a backup plan covers is also covered by a scheduled AWS Backup restore testing plan (a restoreTestingSelection of its type: RDS, EC2, EBS), which restores recent recovery points and reports the result; an EC2 restore test boots its clone isolated: restoreMetadataOverrides SecurityGroupIds is a JSON list whose every entry is the id of a security group of the program the overrides refer to (until the groups exist and their ids are reported, the overrides must refer to at least as many program groups as the list has entries), each without inbound or outbound rules, since the clone carries the production host's secrets and services.",
    severity: "high",
    remediationSteps:
        "The kit's weekly restore testing plan has RDS, EBS and isolated EC2 selections. Add aws.backup.RestoreTestingSelection resources for each protected resource type; for EC2, set restoreMetadataOverrides {SubnetId, SecurityGroupIds: [a group with no rules]}.",
    validate: ({ resources, report }) => {
        for (const entry of requireProtected(resources, report).filter((candidate) => rulesFor(resources, candidate).length > 0)) {
            const tested = restoreTested(resources, entry.resource) || entry.via.some((instance) => restoreTested(resources, instance));
            if (!tested) {
                report(`(${entry.what}) is backed up but no scheduled restore test verifies its backups`, entry.resource);
            }
            if (entry.resource.type === "aws:ec2/instance:Instance") {
                for (const selection of restoreSelectionsFor(resources, entry.resource)) {
                    const problem = ec2RestoreIsolationProblem(resources, selection);
                    if (problem) {
                        report(problem, selection);
                    }
                }
            }
        }
    },
});

import { plansCovering } from "../../../lib/backups";
import { primaryPostgres } from "../../../lib/databases";
import { jobActive, scheduledJobs } from "../../../lib/host-files";
import { cloudConfigOfHost, pbxHosts } from "../../../lib/hosts";
import { automatedRule } from "../../../lib/rule";

export default automatedRule({
    name: "db-in-backup",
    items: ["WP-5.1.1.1"],
    description:
        "Each primary PostgreSQL database is part of the backup set: an AWS Backup selection covers it (by resource, wildcard or tags; AWS Backup takes the managed equivalent of pg_dump), or a scheduled job on a PBX host runs pg_dump.",
    severity: "critical",
    remediationSteps: "The kit selects the database in its AWS Backup plan. In your own program, add its ARN to an aws.backup.Selection, or schedule pg_dump on the host.",
    validate: ({ resources, report }) => {
        const dumps = pbxHosts(resources).some((host) => {
            const cloud = cloudConfigOfHost(host);
            return !("problem" in cloud) && scheduledJobs(cloud.config).some((job) => /\bpg_dump(all)?\b/.test(job.command) && jobActive(cloud.config, job));
        });
        const databases = primaryPostgres(resources);
        if (databases.length === 0) {
            report("no PostgreSQL database exists to back up");
        }
        for (const database of databases) {
            if (plansCovering(resources, database).length === 0 && !dumps) {
                report("is in no AWS Backup selection and no scheduled pg_dump dumps it", database);
            }
        }
    },
});

import { permissionFindings } from "../../../lib/databases";
import { automatedRule } from "../../../lib/rule";

export default automatedRule({
    name: "user-permissions",
    items: ["VA-5.1.3"],
    description:
        "The application's database user is least-privilege: every login role (postgresql Role with login: true) holds none of superuser, createDatabase, createRole, replication, bypassRowLevelSecurity, is no member (Role roles or GrantRole, directly or through group roles) of rds_superuser, rds_replication, rds_password, a pg_* predefined role, the master user or a privileged role, and gets its access from postgresql Grant resources; no grant goes to PUBLIC and no database-level grant gives ALL.",
    severity: "high",
    remediationSteps: "The kit creates the `voiceassist` role with CONNECT/TEMPORARY on the database and USAGE/CREATE on its schema. In your own program, add postgresql.Role (login, no extra attributes) and postgresql.Grant resources.",
    validate: ({ resources, report }) => {
        for (const finding of permissionFindings(resources)) {
            report(finding.message, finding.resource);
        }
    },
});

import { permissionFindings } from "../../../lib/databases";
import { automatedRule } from "../../../lib/rule";

export default automatedRule({
    name: "db-permissions",
    items: ["WP-1.2.1.4"],
    description:
        "Every application login role (postgresql Role with login: true) holds none of superuser, createDatabase, createRole, replication, bypassRowLevelSecurity, is not a member (Role roles or GrantRole, directly or through group roles) of rds_superuser, rds_replication, rds_password, a pg_* predefined role, the master user or a role with those attributes, and receives its access through postgresql Grant resources; no grant goes to PUBLIC and no database-level grant gives ALL privileges.",
    severity: "high",
    remediationSteps:
        "The kit grants pbx_user CONNECT/TEMPORARY on pbx_system and USAGE/CREATE on its schema. In your own program, drop the role's privileged attributes and administrator role memberships (roles, postgresql.GrantRole) and grant what the application needs with postgresql.Grant (objectType database/schema/table).",
    validate: ({ resources, report }) => {
        for (const finding of permissionFindings(resources)) {
            report(finding.message, finding.resource);
        }
    },
});

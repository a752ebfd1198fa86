import { PRIVILEGED_ROLE_ATTRIBUTES, grantsTo, loginRoles } from "../../../lib/databases";
import { ofType } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";

export default automatedRule({
    name: "db-permissions",
    items: ["WP-1.2.1.4"],
    description:
        "Every application login role (postgresql Role with login: true) holds none of superuser, createDatabase, createRole, replication, bypassRowLevelSecurity, and receives its access through postgresql Grant resources; no grant goes to PUBLIC and no database-level grant gives ALL privileges.",
    severity: "high",
    remediationSteps:
        "The kit grants pbx_user CONNECT/TEMPORARY on pbx_system and USAGE/CREATE on its schema. In your own program, drop the role's privileged attributes and grant what the application needs with postgresql.Grant (objectType database/schema/table).",
    validate: ({ resources, report }) => {
        if (loginRoles(resources).length === 0) {
            report("no application database user (postgresql Role with login: true) exists whose permissions could be checked");
        }
        for (const role of loginRoles(resources)) {
            const privileged = PRIVILEGED_ROLE_ATTRIBUTES.filter((attribute) => role.props[attribute] === true);
            if (privileged.length > 0) {
                report(`is a login role with ${privileged.join(", ")}, more than an application needs`, role);
            }
            if (grantsTo(resources, role).length === 0) {
                report("receives no grant, so its access is whatever ownership or defaults give it", role);
            }
        }
        for (const grant of ofType(resources, "postgresql:index/grant:Grant")) {
            if (String(grant.props.role).toLowerCase() === "public") {
                report("grants privileges to PUBLIC, i.e. to every role", grant);
            }
            const privileges = ((grant.props.privileges ?? []) as unknown[]).map((privilege) => String(privilege).toUpperCase());
            if (grant.props.objectType === "database" && privileges.includes("ALL")) {
                report("grants ALL privileges on the database", grant);
            }
        }
    },
});

import { usersOf } from "../../../lib/host-files";
import { primaryPostgres } from "../../../lib/databases";
import { automatedRule } from "../../../lib/rule";
import { eachPbxHost } from "../../pbx";

const DEFAULT_ADMINS = ["postgres", "admin", "root", "administrator", "master", "rdsadmin"];

export default automatedRule({
    name: "admin-accounts",
    items: ["WP-3.2.1.3"],
    description:
        "Administrative accounts of the infrastructure are secured: on PBX hosts, SSH passwords are off (ssh_pwauth: false), root login is not re-enabled, and every cloud-init user with sudo (a sudo rule, or membership of sudo, admin or wheel through its groups, the top-level groups, or usermod -aG / useradd -G / gpasswd -a / adduser USER GROUP commands) is declared in users, has an SSH key and no password; each PostgreSQL master account has a non-default name and a password RDS manages (manageMasterUserPassword). The PBX application's own admin users are covered by WP-3.2.1.1/5/6/7.",
    severity: "critical",
    remediationSteps: "The kit administers hosts through SSM (no sudo users with passwords), uses pbx_admin as RDS master with manageMasterUserPassword. In your own program, drop passwords from sudo users and let RDS manage the master password.",
    validate: (context) => {
        eachPbxHost(context, (_host, config, source) => {
            if (config.ssh_pwauth !== false) {
                context.report("allows SSH password login (ssh_pwauth is not false)", source);
            }
            if (config.disable_root === false) {
                context.report("re-enables root login (disable_root: false)", source);
            }
            for (const user of usersOf(config).filter((entry) => entry.sudo)) {
                const through = user.adminGroups.length > 0 ? ` through group ${user.adminGroups.join(", ")}` : "";
                if (user.source === "group") {
                    context.report(`gives sudo to ${user.name}${through}, a user the user data does not declare, so whether it has a password or an SSH key cannot be checked`, source);
                } else if (user.password || user.sshKeys === 0) {
                    context.report(`gives sudo to ${user.name}${through}, which ${user.password ? "has a password" : "has no SSH key"}`, source);
                }
            }
        });
        for (const database of primaryPostgres(context.resources)) {
            const username = String(database.props.username ?? database.props.masterUsername ?? "postgres");
            if (DEFAULT_ADMINS.includes(username.toLowerCase())) {
                context.report(`uses the default master user name ${username}`, database);
            }
            if (database.props.manageMasterUserPassword !== true) {
                context.report("keeps its master password outside RDS management (manageMasterUserPassword)", database);
            }
        }
    },
});

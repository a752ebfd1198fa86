import { RDS_CLUSTER, loginRoles, primaryPostgres } from "../../../lib/databases";
import { userDataCredentials } from "../../../lib/host-files";
import { DEFAULT_PASSWORDS, passwordSources } from "../../../lib/secrets";
import { automatedRule } from "../../../lib/rule";
import { eachPbxHost } from "../../pbx";

export default automatedRule({
    name: "default-passwords",
    items: ["WP-3.2.1.2"],
    description:
        "No default or placeholder password is deployed: no password cloud-init sets from a PBX host's user data (users' plain_text_passwd, chpasswd.users with type text, chpasswd.list, the top-level password) and no credential assignment in its files and commands has a well-known default value (admin, password, changeme, the .env.example samples, ...), and every database password is generated (random.RandomPassword) or managed by RDS, never typed in.",
    severity: "critical",
    remediationSteps: "Generate every password with random.RandomPassword and deliver it through Secrets Manager (the kit). Replace any placeholder left in config files.",
    validate: (context) => {
        eachPbxHost(context, (_host, config, source) => {
            // A hash is not the password it would be compared as.
            for (const { key, where } of userDataCredentials(config).filter((entry) => !entry.hashed && DEFAULT_PASSWORDS.includes(entry.value.toLowerCase()))) {
                context.report(`sets ${key} to a default password in ${where}`, source);
            }
        });
        for (const role of loginRoles(context.resources)) {
            if (passwordSources(role, "password").length === 0) {
                context.report("has a typed-in password rather than a generated one", role);
            }
        }
        for (const database of primaryPostgres(context.resources)) {
            const property = database.type === RDS_CLUSTER ? "masterPassword" : "password";
            if (database.props.manageMasterUserPassword !== true && passwordSources(database, property).length === 0) {
                context.report("has a typed-in master password rather than one RDS manages or random.RandomPassword generates", database);
            }
        }
    },
});

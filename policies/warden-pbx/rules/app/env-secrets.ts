import { accessOf, ownerOnly, redacted, userDataCredentials } from "../../../lib/host-files";
import { referrers } from "../../../lib/resources";
import { SECRET_VERSION, passwordSources, secrets } from "../../../lib/secrets";
import { simpleCommands } from "../../../lib/systemd";
import { automatedRule } from "../../../lib/rule";
import { eachPbxHost, pbxEnvironmentFiles, serviceUser } from "../../pbx";

export default automatedRule({
    name: "env-secrets",
    items: ["WP-2.1.2.2"],
    description:
        "The PBX unit loads an EnvironmentFile (.env) that a boot command fills from AWS Secrets Manager (`secretsmanager get-secret-value --secret-id <name>` writing that file), the named secret is an aws:secretsmanager/secret of the program whose SecretVersion derives from generated passwords (random.RandomPassword), the file is readable only by its owner (the service user or root), and no plaintext credential sits anywhere in the user data: no password cloud-init sets from it (users' plain_text_passwd, chpasswd.users with type text, chpasswd.list, the top-level password; password hashes in users' passwd/hashed_passwd or chpasswd fail too, as anyone reading the user data can crack them offline; RANDOM passwords are generated), and no credential assignment with a literal value in any write_files file or any runcmd/bootcmd command (`echo X_PASSWORD=... >> .env`, `--password ...`); shell expansions such as $(aws secretsmanager ...) are references, not literals.",
    severity: "critical",
    remediationSteps:
        "The kit stores the PBX's .env in the `warden-pbx/app-env` secret (generated passwords) and the host fetches it at boot by name. In your own program, create aws.secretsmanager.Secret + SecretVersion from RandomPassword results, fetch it in runcmd into the EnvironmentFile and chmod 600 it; never write secrets into write_files or boot commands.",
    validate: (context) => {
        const programSecrets = secrets(context.resources);
        eachPbxHost(context, (_host, config, source) => {
            // Any literal anywhere in the user data leaks, not only in the EnvironmentFile.
            const literals = userDataCredentials(config);
            for (const where of new Set(literals.map((entry) => entry.where))) {
                const here = literals.filter((entry) => entry.where === where);
                const keys = [...new Set(here.map((entry) => entry.key))].join(", ");
                const command = here[0].command;
                if (here.every((entry) => entry.hashed)) {
                    context.report(`puts the hash of ${keys} into ${where} of the user data, where anyone who can read it can crack it offline`, source);
                } else {
                    context.report(command === undefined ? `writes ${keys} in plaintext into ${where} through the user data` : `puts ${keys} in plaintext into the boot command at ${where} (${redacted(command, here)})`, source);
                }
            }
            const envFiles = pbxEnvironmentFiles(config);
            if (envFiles.length === 0) {
                context.report("the PBX unit loads no EnvironmentFile, so its production secrets have no .env", source);
                return;
            }
            for (const path of envFiles) {
                if (literals.some((entry) => entry.where === path)) {
                    continue;
                }
                const fetch = simpleCommands(config).find((command) => /secretsmanager\s+get-secret-value/.test(command) && command.includes(path));
                if (!fetch) {
                    context.report(`does not fill ${path} from Secrets Manager at boot`, source);
                    continue;
                }
                const id = /--secret-id[=\s]+["']?([^\s"']+)/.exec(fetch)?.[1];
                const secret = programSecrets.find((candidate) => candidate.props.name === id);
                if (!secret) {
                    context.report(`reads secret ${id ?? "(no --secret-id)"}, which is not a Secrets Manager secret of this program`, source);
                } else if (!referrers(context.resources, secret, "secretId", SECRET_VERSION).some((version) => passwordSources(version, "secretString").length > 0)) {
                    context.report("holds no version derived from generated passwords (random.RandomPassword)", secret);
                }
                const access = accessOf(config, path);
                if (!ownerOnly(access.mode) || (access.owner !== serviceUser(config) && access.owner !== "root")) {
                    context.report(`leaves ${path} with mode ${access.mode ?? "from umask"} and owner ${access.owner ?? "root"}; it must be 600 and owned by the PBX user`, source);
                }
            }
        });
    },
});

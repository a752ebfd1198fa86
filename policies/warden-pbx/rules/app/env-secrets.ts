import { filesOf } from "../../../lib/cloud-init";
import { accessOf, ownerOnly } from "../../../lib/host-files";
import { referrers } from "../../../lib/resources";
import { SECRET_VERSION, literalCredentials, passwordSources, secrets } from "../../../lib/secrets";
import { simpleCommands } from "../../../lib/systemd";
import { automatedRule } from "../../../lib/rule";
import { eachPbxHost, pbxEnvironmentFiles, serviceUser } from "../../pbx";

export default automatedRule({
    name: "env-secrets",
    items: ["WP-2.1.2.2"],
    description:
        "The PBX unit loads an EnvironmentFile (.env) that a boot command fills from AWS Secrets Manager (`secretsmanager get-secret-value --secret-id <name>` writing that file), the named secret is an aws:secretsmanager/secret of the program whose SecretVersion derives from generated passwords (random.RandomPassword), the file is readable only by its owner (the service user or root), and no plaintext credential sits in the user data.",
    severity: "critical",
    remediationSteps:
        "The kit stores the PBX's .env in the `warden-pbx/app-env` secret (generated passwords) and the host fetches it at boot by name. In your own program, create aws.secretsmanager.Secret + SecretVersion from RandomPassword results, fetch it in runcmd into the EnvironmentFile and chmod 600 it; never write secrets into write_files.",
    validate: (context) => {
        const programSecrets = secrets(context.resources);
        eachPbxHost(context, (_host, config, source) => {
            const envFiles = pbxEnvironmentFiles(config);
            if (envFiles.length === 0) {
                context.report("the PBX unit loads no EnvironmentFile, so its production secrets have no .env", source);
                return;
            }
            const files = filesOf(config);
            for (const path of envFiles) {
                const written = files.get(path);
                const literals = written ? literalCredentials(written.content) : [];
                if (literals.length > 0) {
                    context.report(`writes ${literals.map((entry) => entry.key).join(", ")} in plaintext into ${path} through the user data`, source);
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

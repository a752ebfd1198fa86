import { referrers } from "../../../lib/resources";
import { SECRET_VERSION, secrets } from "../../../lib/secrets";
import { simpleCommands } from "../../../lib/systemd";
import { automatedRule } from "../../../lib/rule";
import { eachPbxHost, pbxConfig, pbxEnvironmentFiles } from "../../pbx";

export default automatedRule({
    name: "config-versions",
    items: ["WP-5.1.2.3"],
    description:
        "Every change of configuration is kept: config.yml and the unit are rendered by the program into cloud-init, so each change is a recorded deployment (version control and Pulumi's state history keep every earlier version), and each EnvironmentFile comes from a Secrets Manager secret with a SecretVersion in the program (Secrets Manager keeps the previous versions).",
    severity: "medium",
    remediationSteps: "Render config.yml from the program (never edit it on the host) and keep .env in Secrets Manager (the kit does both).",
    validate: (context) => {
        const programSecrets = secrets(context.resources);
        eachPbxHost(context, (_host, config, source) => {
            const file = pbxConfig(config);
            if (typeof file === "string") {
                context.report(`${file}, so its changes are not versioned`, source);
            }
            for (const path of pbxEnvironmentFiles(config)) {
                const fetch = simpleCommands(config).find((command) => /secretsmanager\s+get-secret-value/.test(command) && command.includes(path));
                const id = fetch ? /--secret-id[=\s]+["']?([^\s"']+)/.exec(fetch)?.[1] : undefined;
                const secret = programSecrets.find((candidate) => candidate.props.name === id);
                if (!secret || referrers(context.resources, secret, "secretId", SECRET_VERSION).length === 0) {
                    context.report(`fills ${path} from no versioned secret of this program`, source);
                }
            }
        });
    },
});

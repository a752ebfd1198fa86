import { plansCovering } from "../../../lib/backups";
import { automatedRule } from "../../../lib/rule";
import { SECRET, secrets } from "../../../lib/secrets";
import { asNumber } from "../../../lib/resources";
import { simpleCommands } from "../../../lib/systemd";
import { eachPbxHost, pbxConfig, pbxEnvironmentFiles } from "../../pbx";

export default automatedRule<{ minRecoveryDays: number }>({
    name: "config-backup",
    items: ["WP-5.1.1.2"],
    description:
        "config.yml and .env can be restored: either the PBX host is in an AWS Backup selection (its image holds both), or both are reproducible from the program: config.yml is rendered by cloud-init and every EnvironmentFile is filled from a Secrets Manager secret of the program that keeps deleted versions at least minRecoveryDays (recoveryWindowInDays).",
    severity: "high",
    remediationSteps: "The kit does both: the host is selected in the backup plan, config.yml is rendered from the program and .env comes from the app-env secret (recoveryWindowInDays 30).",
    config: { minRecoveryDays: { type: "integer", minimum: 0, default: 7, description: "Shortest recovery window of the secret." } },
    validate: (context) => {
        const programSecrets = secrets(context.resources);
        eachPbxHost(context, (host, config, source) => {
            if (plansCovering(context.resources, host.instance).length > 0) {
                return;
            }
            const file = pbxConfig(config);
            if (typeof file === "string") {
                context.report(`is not backed up and ${file}`, source);
            }
            for (const path of pbxEnvironmentFiles(config)) {
                const fetch = simpleCommands(config).find((command) => /secretsmanager\s+get-secret-value/.test(command) && command.includes(path));
                const id = fetch ? /--secret-id[=\s]+["']?([^\s"']+)/.exec(fetch)?.[1] : undefined;
                const secret = programSecrets.find((candidate) => candidate.type === SECRET && candidate.props.name === id);
                if (!secret) {
                    context.report(`is not backed up and ${path} does not come from a Secrets Manager secret of this program`, source);
                } else if ((asNumber(secret.props.recoveryWindowInDays) ?? 30) < context.config.minRecoveryDays) {
                    context.report(`can be deleted without recovery (recoveryWindowInDays ${secret.props.recoveryWindowInDays})`, secret);
                }
            }
        });
    },
});

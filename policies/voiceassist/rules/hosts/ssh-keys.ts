import { setting } from "../../../lib/hosts";
import { usersOf } from "../../../lib/host-files";
import { automatedRule } from "../../../lib/rule";
import { eachAppHost } from "../../voiceassist";

export default automatedRule({
    name: "ssh-keys",
    items: ["VA-1.3.1"],
    description:
        "Each VoiceAssist server accepts SSH keys: the instance or its launch template names an EC2 key pair (`keyName`), or its cloud-init installs authorized keys (`ssh_authorized_keys` at top level or on a user).",
    severity: "high",
    remediationSteps: "The kit sets the launch template's keyName from `readiness-kit:voiceassistKeyName` and installs the deploy user's keys. In your own program, set keyName or add ssh_authorized_keys to a user in the cloud-config.",
    validate: (context) => {
        eachAppHost(context, (host, config, source) => {
            const keyName = setting(host, "keyName").value;
            const topLevel = Array.isArray(config.ssh_authorized_keys) && config.ssh_authorized_keys.length > 0;
            if (typeof keyName !== "string" && !topLevel && !usersOf(config).some((user) => user.sshKeys > 0)) {
                context.report("has no SSH key: no keyName on the instance or launch template and no ssh_authorized_keys in its cloud-config", source);
            }
        });
    },
});

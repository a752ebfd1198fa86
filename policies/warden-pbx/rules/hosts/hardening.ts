import { packagesOf } from "../../../lib/cloud-init";
import { sshPasswordProblem } from "../../../lib/host-checks";
import { nestedSetting } from "../../../lib/hosts";
import { automatedRule } from "../../../lib/rule";
import { isDisabledAtBoot } from "../../../lib/systemd";
import { eachPbxHost } from "../../pbx";

export default automatedRule<{ unnecessaryServices: string[]; forbiddenPackages: string[] }>({
    name: "hardening",
    items: ["WP-1.1.2.3"],
    description:
        "Reads the PBX host's cloud-init and launch settings: every service in unnecessaryServices is disabled or masked by a boot command, no package in forbiddenPackages is installed, SSH password login is off (ssh_pwauth: false), root login is not re-enabled (disable_root), and the instance metadata service requires tokens (IMDSv2, metadataOptions.httpTokens: required).",
    severity: "high",
    remediationSteps:
        "The kit's host component disables snapd and ModemManager, turns off SSH passwords and requires IMDSv2. In your own program, add `systemctl disable --now <service>` (or `systemctl mask`) lines to runcmd, set ssh_pwauth: false, and set metadataOptions.httpTokens to \"required\" on the launch template.",
    config: {
        unnecessaryServices: { type: "array", items: { type: "string" }, default: ["snapd", "ModemManager"], description: "Services of the image a PBX does not need, which boot commands must disable or mask." },
        forbiddenPackages: {
            type: "array",
            items: { type: "string" },
            default: ["telnetd", "inetutils-telnetd", "rsh-server", "rsh-redone-server", "nis", "tftpd-hpa", "xinetd", "vsftpd", "avahi-daemon", "cups"],
            description: "Packages that must not be installed.",
        },
    },
    validate: (context) => {
        const { config } = context;
        eachPbxHost(context, (host, cloud, source) => {
            for (const service of config.unnecessaryServices) {
                if (!isDisabledAtBoot(cloud, service)) {
                    context.report(`leaves ${service} enabled: add \`systemctl disable --now ${service}\` or \`systemctl mask ${service}\` to runcmd`, source);
                }
            }
            const forbidden = packagesOf(cloud).filter((name) => config.forbiddenPackages.includes(name));
            if (forbidden.length > 0) {
                context.report(`installs ${forbidden.join(", ")}, which a PBX host must not run`, source);
            }
            const ssh = sshPasswordProblem(cloud);
            if (ssh) {
                context.report(ssh, source);
            }
            if (cloud.disable_root === false) {
                context.report("re-enables root login (disable_root: false)", source);
            }
            const tokens = nestedSetting(host, ["metadataOptions", "httpTokens"]);
            if (tokens.value !== "required") {
                context.report(`lets the instance metadata service answer without a token (metadataOptions.httpTokens is ${tokens.value ?? "unset"}; IMDSv2 needs "required")`, tokens.source);
            }
        });
    },
});

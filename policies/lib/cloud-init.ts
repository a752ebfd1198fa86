// The cloud-init document a host boots with, parsed, so that rules can check what the host is
// configured to do (packages, files, commands, NTP, timezone, users). Hosts give it as
// `#cloud-config` YAML in `userData` (instances) or base64 in `userData` (launch templates).
import { PolicyResource } from "@pulumi/policy";
import * as YAML from "yaml";
import { referenced } from "./resources";

export interface CloudConfig {
    packages?: (string | string[])[];
    package_update?: boolean;
    package_upgrade?: boolean;
    timezone?: string;
    ntp?: { enabled?: boolean; ntp_client?: string; servers?: string[]; pools?: string[] };
    users?: (string | Record<string, unknown>)[];
    write_files?: { path: string; content?: string; permissions?: string; owner?: string; encoding?: string; defer?: boolean }[];
    runcmd?: (string | string[])[];
    bootcmd?: (string | string[])[];
    ssh_pwauth?: boolean;
    disable_root?: boolean;
    hostname?: string;
    fqdn?: string;
    [key: string]: unknown;
}

export type CloudConfigResult = { config: CloudConfig; source: PolicyResource } | { problem: string; source: PolicyResource };

function decode(userData: string, base64: boolean): string {
    return base64 ? Buffer.from(userData, "base64").toString("utf8") : userData;
}

export function parseCloudConfig(text: string): CloudConfig | string {
    if (!/^#cloud-config\s*\n/.test(text)) {
        return "user data is not a #cloud-config document, so what the host does at boot cannot be checked";
    }
    try {
        const parsed = YAML.parse(text);
        return parsed && typeof parsed === "object" ? (parsed as CloudConfig) : "the #cloud-config document is empty";
    } catch (error) {
        return `the #cloud-config document is not valid YAML (${(error as Error).message.split("\n")[0]})`;
    }
}

/** The cloud-config of an EC2 instance: its own user data, or its launch template's. */
export function cloudConfigOf(instance: PolicyResource): CloudConfigResult {
    if (typeof instance.props.userData === "string") {
        const parsed = parseCloudConfig(decode(instance.props.userData, false));
        return typeof parsed === "string" ? { problem: parsed, source: instance } : { config: parsed, source: instance };
    }
    if (typeof instance.props.userDataBase64 === "string") {
        const parsed = parseCloudConfig(decode(instance.props.userDataBase64, true));
        return typeof parsed === "string" ? { problem: parsed, source: instance } : { config: parsed, source: instance };
    }
    const template = referenced(instance, "launchTemplate", "aws:ec2/launchTemplate:LaunchTemplate")[0];
    if (template && typeof template.props.userData === "string") {
        const parsed = parseCloudConfig(decode(template.props.userData, true));
        return typeof parsed === "string" ? { problem: parsed, source: template } : { config: parsed, source: template };
    }
    return { problem: "has no user data, so nothing configures the host at boot", source: instance };
}

/** Every file the document writes, by path. */
export function filesOf(config: CloudConfig): Map<string, { content: string; permissions?: string; owner?: string }> {
    const files = new Map<string, { content: string; permissions?: string; owner?: string }>();
    for (const file of config.write_files ?? []) {
        const content = file.encoding === "b64" || file.encoding === "base64" ? Buffer.from(file.content ?? "", "base64").toString("utf8") : (file.content ?? "");
        files.set(file.path, { content, permissions: file.permissions, owner: file.owner });
    }
    return files;
}

/** Every command the document runs (runcmd and bootcmd), as shell lines. */
export function commandsOf(config: CloudConfig): string[] {
    return [...(config.bootcmd ?? []), ...(config.runcmd ?? [])].map((command) => (Array.isArray(command) ? command.join(" ") : command));
}

export function packagesOf(config: CloudConfig): string[] {
    return (config.packages ?? []).map((entry) => (Array.isArray(entry) ? entry[0] : entry));
}

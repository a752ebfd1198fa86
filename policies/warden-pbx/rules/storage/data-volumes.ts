// Voicemail and call recordings get the same treatment: a dedicated EBS volume (tag
// readiness:purpose) attached to the PBX host, sized from the extension count, mounted where the
// PBX writes that data.
import { PolicyResource } from "@pulumi/policy";
import { CloudConfig } from "../../../lib/cloud-init";
import { Mount, mountOfDevice } from "../../../lib/host-files";
import { Host, HostVolume, extensionsOf, hostVolumes } from "../../../lib/hosts";
import { RuleContext } from "../../../lib/rule";
import { dataDirectory, eachPbxConfig } from "../../pbx";

export interface DataVolume {
    host: Host;
    volume?: HostVolume;
    mount?: Mount;
    directory?: { configured: string; resolved: string };
    config: CloudConfig;
    source: PolicyResource;
}

/** Each PBX host with its volume for `purpose`, the mount of that volume and the PBX's data directory. */
export function dataVolumes(context: Pick<RuleContext<unknown>, "resources" | "report">, purpose: string, visit: (entry: DataVolume) => void): void {
    eachPbxConfig(context, (file, source, host, config) => {
        const volume = hostVolumes(context.resources, host).find((entry) => entry.purpose === purpose && entry.attachment !== undefined);
        const mount = volume?.deviceName ? mountOfDevice(config, volume.deviceName) : undefined;
        visit({ host, volume, mount, directory: dataDirectory(config, file, purpose), config, source });
    });
}

export interface Sizing {
    mbPerExtension: number;
    minGb: number;
}

/** Required size in GB for the host's extension count. */
export function requiredGb(host: Host, sizing: Sizing): number {
    return Math.max(sizing.minGb, Math.ceil(((extensionsOf(host) ?? 0) * sizing.mbPerExtension) / 1024));
}

export function checkAllocated(context: Pick<RuleContext<unknown>, "resources" | "report">, purpose: string, sizing: Sizing): void {
    dataVolumes(context, purpose, ({ host, volume }) => {
        if (!volume) {
            context.report(`has no attached EBS volume tagged readiness:purpose=${purpose}, so ${purpose} have no storage allocated`, host.instance);
            return;
        }
        const required = requiredGb(host, sizing);
        if ((volume.sizeGb ?? 0) < required) {
            context.report(`holds ${volume.sizeGb ?? 0} GB for ${purpose}; ${extensionsOf(host) ?? 0} extensions x ${sizing.mbPerExtension} MB (at least ${sizing.minGb} GB) need ${required} GB`, volume.resource);
        }
    });
}

export function checkPartition(context: Pick<RuleContext<unknown>, "resources" | "report">, purpose: string): void {
    dataVolumes(context, purpose, ({ host, volume, mount, directory, source }) => {
        if (!volume) {
            context.report(`has no dedicated volume for ${purpose} (EBS volume tagged readiness:purpose=${purpose} attached to it)`, host.instance);
        } else if (!mount) {
            context.report(`attaches the ${purpose} volume at ${volume.deviceName} but cloud-init never mounts it (mounts / fs_setup)`, source);
        } else if (!directory) {
            context.report(`mounts the ${purpose} volume at ${mount.mountPoint}, but config.yml sets no ${purpose} storage_path`, source);
        } else if (directory.resolved !== mount.mountPoint && !directory.resolved.startsWith(`${mount.mountPoint}/`)) {
            context.report(`mounts the ${purpose} volume at ${mount.mountPoint}, but the PBX writes ${purpose} to ${directory.resolved}`, source);
        }
    });
}

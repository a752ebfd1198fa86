// EC2 hosts as a program describes them: an `aws:ec2/instance:Instance`, usually launched from an
// `aws:ec2/launchTemplate:LaunchTemplate` whose settings it inherits unless it sets its own. Rules
// read a host's size, image, metadata options, volumes and boot document through these helpers, so
// that "instance wins over template" is decided in one place.
import { PolicyResource } from "@pulumi/policy";
import { CloudConfig, CloudConfigResult, cloudConfigOf } from "./cloud-init";
import { InstanceSize, instanceSize } from "./instance-types";
import { asNumber, ofType, referenced, tagsOf } from "./resources";

export const INSTANCE = "aws:ec2/instance:Instance";
export const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
export const VOLUME = "aws:ebs/volume:Volume";
export const VOLUME_ATTACHMENT = "aws:ec2/volumeAttachment:VolumeAttachment";

/** Tag naming what a host is for (`pbx`, `app`, ...). */
export const ROLE_TAG = "readiness:role";
/** Tag on the PBX host: the number of extensions it is sized for. */
export const EXTENSIONS_TAG = "readiness:extensions";
/** Tag naming what a data volume holds (`voicemail`, `recordings`, `data`, ...). */
export const PURPOSE_TAG = "readiness:purpose";

export interface Host {
    instance: PolicyResource;
    /** The launch template the instance is launched from, if any. */
    template?: PolicyResource;
}

export function hostOf(instance: PolicyResource): Host {
    return { instance, template: referenced(instance, "launchTemplate", LAUNCH_TEMPLATE)[0] };
}

export function allHosts(resources: PolicyResource[]): Host[] {
    return ofType(resources, INSTANCE).map(hostOf);
}

/**
 * Hosts tagged `readiness:role` = role (or carrying one of `markerTags`). A program that tags no
 * instance with a role at all is taken to be a single-purpose program: every instance counts.
 */
export function hostsWithRole(resources: PolicyResource[], role: string, markerTags: string[] = []): Host[] {
    const hosts = allHosts(resources);
    const tagged = hosts.filter((host) => {
        const tags = tagsOf(host.instance);
        return tags[ROLE_TAG] === role || markerTags.some((tag) => tag in tags);
    });
    if (tagged.length > 0) {
        return tagged;
    }
    return hosts.some((host) => ROLE_TAG in tagsOf(host.instance)) ? [] : hosts;
}

/** The PBX hosts: role `pbx` or tagged with their extension count. */
export function pbxHosts(resources: PolicyResource[]): Host[] {
    return hostsWithRole(resources, "pbx", [EXTENSIONS_TAG]);
}

/** A launch setting: the instance's own value wins, else the launch template's. */
export function setting(host: Host, key: string, templateKey: string = key): { value: unknown; source: PolicyResource } {
    const own = host.instance.props[key];
    if (own !== undefined && own !== null) {
        return { value: own, source: host.instance };
    }
    if (host.template) {
        return { value: host.template.props[templateKey], source: host.template };
    }
    return { value: undefined, source: host.instance };
}

/** A nested launch setting such as ["metadataOptions", "httpTokens"], field by field. */
export function nestedSetting(host: Host, path: string[]): { value: unknown; source: PolicyResource } {
    const read = (resource: PolicyResource | undefined): unknown => {
        let current: unknown = resource?.props;
        for (const key of path) {
            if (current === undefined || current === null || typeof current !== "object") {
                return undefined;
            }
            current = (current as Record<string, unknown>)[key];
        }
        return current;
    };
    const own = read(host.instance);
    if (own !== undefined && own !== null) {
        return { value: own, source: host.instance };
    }
    const inherited = read(host.template);
    return { value: inherited, source: inherited !== undefined && host.template ? host.template : host.instance };
}

export function extensionsOf(host: Host): number | undefined {
    return asNumber(tagsOf(host.instance)[EXTENSIONS_TAG]);
}

export interface HostSize {
    instanceType?: string;
    /** Known when the type is in the size table or cpuOptions.coreCount is set. */
    cores?: number;
    memoryGiB?: number;
    source: PolicyResource;
}

/** Physical cores and memory of a host, from its instance type (policies/lib/instance-types.ts). */
export function sizeOf(host: Host): HostSize {
    const type = setting(host, "instanceType");
    const instanceType = typeof type.value === "string" ? type.value : undefined;
    const size: InstanceSize | undefined = instanceType ? instanceSize(instanceType) : undefined;
    const coreCount = asNumber(nestedSetting(host, ["cpuOptions", "coreCount"]).value);
    return { instanceType, cores: coreCount ?? size?.cores, memoryGiB: size?.memoryGiB, source: type.source };
}

/** The image a host boots: the instance's `ami` or the template's `imageId`. */
export function imageOf(host: Host): { imageId?: string; source: PolicyResource } {
    const image = setting(host, "ami", "imageId");
    return { imageId: typeof image.value === "string" ? image.value : undefined, source: image.source };
}

export interface UbuntuImage {
    release: string;
    /** Canonical's image family path segment: server, server-minimal, pro-server, pro-fips-server, ... */
    family: string;
    /** True when the parameter tracks the newest build ("current"). */
    current: boolean;
}

const CANONICAL_PARAMETER = /^resolve:ssm:\/aws\/service\/canonical\/ubuntu\/([a-z-]+)\/(\d{2}\.\d{2})\/([a-z]+)\/([a-z0-9-]+)\//;

/** The Ubuntu release of an image given as Canonical's public SSM parameter, else undefined. */
export function ubuntuImage(imageId: string | undefined): UbuntuImage | undefined {
    const match = imageId ? CANONICAL_PARAMETER.exec(imageId) : null;
    if (!match) {
        return undefined;
    }
    return { family: match[1], release: match[2], current: match[4] === "current" };
}

export function cloudConfigOfHost(host: Host): CloudConfigResult {
    return cloudConfigOf(host.instance);
}

export interface HostVolume {
    /** The volume resource, or the instance/template that declares a launch volume. */
    resource: PolicyResource;
    deviceName?: string;
    sizeGb?: number;
    volumeType?: string;
    encrypted: boolean;
    purpose?: string;
    root: boolean;
    attachment?: PolicyResource;
}

const ROOT_DEVICES = ["/dev/sda1", "/dev/xvda"];
const SSD_TYPES = ["gp2", "gp3", "io1", "io2"];

export function isSsd(volumeType: string | undefined): boolean {
    // EBS creates gp2 when no type is given for launch volumes, gp3 in recent API versions; both SSD.
    return volumeType === undefined || SSD_TYPES.includes(volumeType);
}

function launchVolume(resource: PolicyResource, device: Record<string, unknown>, ebs: Record<string, unknown>, root: boolean): HostVolume {
    return {
        resource,
        deviceName: typeof device.deviceName === "string" ? device.deviceName : undefined,
        sizeGb: asNumber(ebs.volumeSize),
        volumeType: typeof ebs.volumeType === "string" ? ebs.volumeType : undefined,
        encrypted: ebs.encrypted === true || ebs.encrypted === "true",
        root,
    };
}

/** Volumes a host boots with (root and launch template mappings) plus attached EBS volumes. */
export function hostVolumes(resources: PolicyResource[], host: Host): HostVolume[] {
    const volumes: HostVolume[] = [];
    const rootBlock = host.instance.props.rootBlockDevice as Record<string, unknown> | undefined;
    if (rootBlock) {
        volumes.push(launchVolume(host.instance, rootBlock, rootBlock, true));
    }
    for (const device of (host.instance.props.ebsBlockDevices ?? []) as Record<string, unknown>[]) {
        volumes.push(launchVolume(host.instance, device, device, false));
    }
    const mappings = (host.template?.props.blockDeviceMappings ?? []) as Record<string, unknown>[];
    mappings.forEach((mapping, index) => {
        const ebs = mapping.ebs as Record<string, unknown> | undefined;
        if (!ebs || !host.template) {
            return;
        }
        const root = typeof mapping.deviceName === "string" ? ROOT_DEVICES.includes(mapping.deviceName) : index === 0;
        if (root && rootBlock) {
            return;
        }
        volumes.push(launchVolume(host.template, mapping, ebs, root));
    });
    for (const attachment of attachmentsOf(resources, host)) {
        const volume = referenced(attachment, "volumeId", VOLUME)[0];
        if (!volume) {
            continue;
        }
        volumes.push({
            resource: volume,
            deviceName: typeof attachment.props.deviceName === "string" ? attachment.props.deviceName : undefined,
            sizeGb: asNumber(volume.props.size),
            volumeType: typeof volume.props.type === "string" ? volume.props.type : undefined,
            encrypted: volume.props.encrypted === true,
            purpose: tagsOf(volume)[PURPOSE_TAG],
            root: false,
            attachment,
        });
    }
    return volumes;
}

export function attachmentsOf(resources: PolicyResource[], host: Host): PolicyResource[] {
    return ofType(resources, VOLUME_ATTACHMENT).filter((attachment) => referenced(attachment, "instanceId").some((target) => target.urn === host.instance.urn));
}

/** Data volumes by purpose tag, attached to the host or not. */
export function volumesWithPurpose(resources: PolicyResource[], purpose: string): PolicyResource[] {
    return ofType(resources, VOLUME).filter((volume) => tagsOf(volume)[PURPOSE_TAG] === purpose);
}

export function describeHost(host: Host): string {
    return `host "${host.instance.name}"`;
}

type Report = (message: string, resource?: PolicyResource) => void;

/**
 * Runs `check` with each host's parsed cloud-config; reports hosts whose boot document cannot be
 * read (naming the resource holding the user data), or that there is no host at all.
 */
export function eachHostConfig(hosts: Host[], missing: string, report: Report, check: (host: Host, config: CloudConfig, source: PolicyResource) => void): void {
    if (hosts.length === 0) {
        report(missing);
        return;
    }
    for (const host of hosts) {
        const result = cloudConfigOfHost(host);
        if ("problem" in result) {
            report(result.problem, result.source);
        } else {
            check(host, result.config, result.source);
        }
    }
}

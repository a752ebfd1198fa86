// An Ubuntu LTS host on EC2 as both checklists describe it: Canonical's image (resolved from
// Canonical's public SSM parameter, so the release is visible in the program), a hardened
// cloud-init document, IMDSv2, an encrypted SSD root, separate encrypted data volumes that
// outlive the instance, a static public IP, automatic recovery and a least-privilege role.
//
// "Cores" are physical cores: a vCPU is a hyperthread on Intel and most AMD families, a whole
// core on Graviton (see policies/lib/instance-types.ts). Minimums are checked on physical cores.
import * as pulumi from "@pulumi/pulumi";
import * as ebs from "@pulumi/aws/ebs";
import * as ec2 from "@pulumi/aws/ec2";
import * as iam from "@pulumi/aws/iam";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import { instanceSize } from "../../policies/lib/instance-types";
import { CloudConfigDocument, renderCloudConfig } from "./cloud-init";

export interface DataVolume {
    /** What the volume holds (`voicemail`, `recordings`, `data`); tagged `readiness:purpose`. */
    readonly purpose: string;
    readonly sizeGb: number;
    /** Device name it is attached at, e.g. /dev/sdf. */
    readonly deviceName: string;
}

export interface UbuntuHostArgs {
    /** Ubuntu LTS release. Default "24.04". At least 22.04. */
    readonly ubuntuRelease?: string;
    /** EC2 instance type; must meet `minimumCores` and `minimumMemoryGiB`. */
    readonly instanceType: string;
    /** Physical cores the workload needs. Default 2. */
    readonly minimumCores?: number;
    /** Memory the workload needs, GiB. Default 4. */
    readonly minimumMemoryGiB?: number;
    /** Root volume (gp3, encrypted) in GB. Default 100. */
    readonly rootVolumeGb?: number;
    /** Smallest root volume allowed, GB. Default 100. */
    readonly minimumRootVolumeGb?: number;
    /** Subnet and availability zone of the instance and its data volumes. */
    readonly subnetId: pulumi.Input<string>;
    readonly availabilityZone: pulumi.Input<string>;
    readonly securityGroupIds: pulumi.Input<string>[];
    /** A second network interface, in a public subnet, that carries the static IP (e.g. SIP/RTP). Default: none, the IP goes on the instance. */
    readonly publicInterface?: { readonly subnetId: pulumi.Input<string>; readonly securityGroupIds: pulumi.Input<string>[]; readonly description: string };
    /** Customer managed KMS key for the root and data volumes. */
    readonly kmsKeyArn: pulumi.Input<string>;
    /**
     * The #cloud-config document the host boots with; an Output when it carries what only other
     * resources know (e.g. the name of a load balancer nginx proxies to).
     */
    readonly cloudConfig: pulumi.Input<CloudConfigDocument>;
    readonly dataVolumes?: DataVolume[];
    /** Secrets Manager secret names the host may read at boot (and the KMS key that encrypts them). */
    readonly readableSecretNames?: string[];
    /**
     * CloudWatch Logs groups the host's CloudWatch agent may write to, by name. The program
     * creates them (retention, KMS); the agent may not create groups. Default: none.
     */
    readonly agentLogGroupNames?: string[];
    /** Metric namespaces the host may publish to (its CloudWatch agent and its own scripts share the role). Default ["CWAgent"]. */
    readonly agentMetricNamespaces?: string[];
    /** Tags for every resource; must include `readiness:blueprint`. */
    readonly tags: Record<string, string>;
}

export interface Problem {
    propertyPath: string;
    reason: string;
}

const LTS = /^(\d{2})\.04$/;

/** What is wrong with the arguments, as {propertyPath, reason}; empty when they are fine. */
export function validateUbuntuHostArgs(args: Pick<UbuntuHostArgs, "ubuntuRelease" | "instanceType" | "minimumCores" | "minimumMemoryGiB" | "rootVolumeGb" | "minimumRootVolumeGb" | "dataVolumes">): Problem[] {
    const problems: Problem[] = [];
    const release = args.ubuntuRelease ?? "24.04";
    const lts = LTS.exec(release);
    if (!lts || Number(lts[1]) % 2 !== 0 || Number(lts[1]) < 22) {
        problems.push({ propertyPath: "ubuntuRelease", reason: `'${release}' is not an Ubuntu LTS release of 22.04 or later` });
    }
    const size = instanceSize(args.instanceType);
    if (!size) {
        problems.push({ propertyPath: "instanceType", reason: `unknown instance type '${args.instanceType}' (its cores and memory cannot be checked)` });
    } else {
        if (size.cores < (args.minimumCores ?? 2)) {
            problems.push({ propertyPath: "instanceType", reason: `${args.instanceType} has ${size.cores} physical cores, at least ${args.minimumCores ?? 2} are required` });
        }
        if (size.memoryGiB < (args.minimumMemoryGiB ?? 4)) {
            problems.push({ propertyPath: "instanceType", reason: `${args.instanceType} has ${size.memoryGiB} GiB of memory, at least ${args.minimumMemoryGiB ?? 4} are required` });
        }
    }
    const root = args.rootVolumeGb ?? 100;
    if (!Number.isInteger(root) || root < (args.minimumRootVolumeGb ?? 100)) {
        problems.push({ propertyPath: "rootVolumeGb", reason: `must be an integer of at least ${args.minimumRootVolumeGb ?? 100} GB, got ${root}` });
    }
    for (const [index, volume] of (args.dataVolumes ?? []).entries()) {
        if (!Number.isInteger(volume.sizeGb) || volume.sizeGb < 1) {
            problems.push({ propertyPath: `dataVolumes[${index}].sizeGb`, reason: `must be a positive integer, got ${volume.sizeGb}` });
        }
    }
    return problems;
}

export function canonicalImageParameter(release: string): string {
    return `/aws/service/canonical/ubuntu/server/${release}/stable/current/amd64/hvm/ebs-gp3/ami-id`;
}

/** The CloudWatch agent's permissions: publish to `namespaces`, write events into `logGroups` only. */
export function agentPolicy(region: string, namespaces: string[], logGroups: string[]): Record<string, unknown> {
    return {
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*", Condition: { StringEquals: { "cloudwatch:namespace": namespaces } } },
            { Effect: "Allow", Action: ["ec2:DescribeTags", "ec2:DescribeVolumes"], Resource: "*" },
            ...(logGroups.length > 0
                ? [
                      {
                          Effect: "Allow",
                          Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                          Resource: logGroups.flatMap((group) => [`arn:aws:logs:${region}:*:log-group:${group}`, `arn:aws:logs:${region}:*:log-group:${group}:*`]),
                      },
                  ]
                : []),
        ],
    };
}

/**
 * The document the host boots with. A second interface is attached after launch (a replacement
 * host must get it from the old one), which Ubuntu's cloud-init configures only with hotplug
 * events: `updates.network.when: [boot, hotplug]` makes it configure the interface when it
 * appears and again at every boot. An interface that appeared before cloud-init installed its
 * hotplug rule (early in boot) is caught up at runcmd: its udev "add" event is replayed; one
 * that appears later is handled by the rule.
 */
export function bootDocument(document: CloudConfigDocument, secondInterface: boolean): CloudConfigDocument {
    if (!secondInterface) {
        return document;
    }
    const catchUp = 'for dev in /sys/class/net/en*; do ip -4 -o addr show dev "${dev##*/}" | grep -q inet || udevadm trigger --action=add "$dev"; done';
    return { ...document, updates: document.updates ?? { network: { when: ["boot", "hotplug"] } }, runcmd: [catchUp, ...((document.runcmd as unknown[] | undefined) ?? [])] };
}

export class UbuntuHost extends pulumi.ComponentResource {
    readonly instance: ec2.Instance;
    readonly launchTemplate: ec2.LaunchTemplate;
    readonly role: iam.Role;
    readonly publicIp: ec2.Eip;
    readonly volumes: Record<string, ebs.Volume>;
    readonly publicInterface?: ec2.NetworkInterface;

    constructor(name: string, args: UbuntuHostArgs, opts?: pulumi.ComponentResourceOptions) {
        super("readiness:compute:UbuntuHost", name, {}, opts);
        const problems = validateUbuntuHostArgs(args);
        if (problems.length > 0) {
            throw new pulumi.InputPropertiesError({ message: `invalid arguments for UbuntuHost ${name}`, errors: problems });
        }
        const release = args.ubuntuRelease ?? "24.04";
        const tags = (part: string, extra: Record<string, string> = {}) => ({ ...args.tags, Name: `${name}-${part}`, ...extra });

        this.role = new iam.Role(
            `${name}-role`,
            {
                assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
                description: `Instance role of ${name}: Session Manager, CloudWatch agent, its own boot secrets`,
                tags: tags("role"),
            },
            { parent: this },
        );
        // Session Manager instead of SSH keys on the internet.
        new iam.RolePolicyAttachment(`${name}-ssm`, { role: this.role.name, policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" }, { parent: this });
        const region = getRegionOutput({}, { parent: this }).region;
        // The CloudWatch agent, least privilege (not CloudWatchAgentServerPolicy, which lets it
        // write and create any log group): metrics in its namespaces, events into its own groups.
        new iam.RolePolicy(
            `${name}-cloudwatch-agent`,
            { role: this.role.id, policy: region.apply((regionName) => JSON.stringify(agentPolicy(regionName, args.agentMetricNamespaces ?? ["CWAgent"], args.agentLogGroupNames ?? []))) },
            { parent: this },
        );
        if ((args.readableSecretNames ?? []).length > 0) {
            new iam.RolePolicy(
                `${name}-boot-secrets`,
                {
                    role: this.role.id,
                    policy: pulumi.all([region, args.kmsKeyArn]).apply(([regionName, keyArn]) =>
                        JSON.stringify({
                            Version: "2012-10-17",
                            Statement: [
                                {
                                    Effect: "Allow",
                                    Action: "secretsmanager:GetSecretValue",
                                    Resource: (args.readableSecretNames ?? []).map((secret) => `arn:aws:secretsmanager:${regionName}:*:secret:${secret}-*`),
                                },
                                { Effect: "Allow", Action: "kms:Decrypt", Resource: keyArn, Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${regionName}.amazonaws.com` } } },
                            ],
                        }),
                    ),
                },
                { parent: this },
            );
        }
        const profile = new iam.InstanceProfile(`${name}-profile`, { role: this.role.name, tags: tags("profile") }, { parent: this });

        this.launchTemplate = new ec2.LaunchTemplate(
            `${name}-template`,
            {
                description: `Ubuntu ${release} LTS host ${name}`,
                imageId: `resolve:ssm:${canonicalImageParameter(release)}`,
                userData: pulumi.output(args.cloudConfig).apply((document) => Buffer.from(renderCloudConfig(bootDocument(document, args.publicInterface !== undefined))).toString("base64")),
                metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "enabled" },
                blockDeviceMappings: [
                    {
                        deviceName: "/dev/sda1",
                        ebs: { volumeSize: args.rootVolumeGb ?? 100, volumeType: "gp3", encrypted: "true", kmsKeyId: args.kmsKeyArn, deleteOnTermination: "true" },
                    },
                ],
                monitoring: { enabled: true },
                updateDefaultVersion: true,
                tagSpecifications: [
                    { resourceType: "instance", tags: tags("instance") },
                    { resourceType: "volume", tags: tags("root") },
                ],
                tags: tags("template"),
            },
            { parent: this },
        );

        this.instance = new ec2.Instance(
            `${name}-instance`,
            {
                launchTemplate: { id: this.launchTemplate.id, version: this.launchTemplate.latestVersion.apply((version) => `${version}`) },
                instanceType: args.instanceType,
                subnetId: args.subnetId,
                vpcSecurityGroupIds: args.securityGroupIds,
                iamInstanceProfile: profile.name,
                maintenanceOptions: { autoRecovery: "default" },
                tags: tags("instance"),
            },
            { parent: this },
        );

        // Data volumes live apart from the instance: replacing the host re-attaches them.
        this.volumes = {};
        for (const volume of args.dataVolumes ?? []) {
            const created = new ebs.Volume(
                `${name}-${volume.purpose}`,
                {
                    availabilityZone: args.availabilityZone,
                    size: volume.sizeGb,
                    type: "gp3",
                    encrypted: true,
                    kmsKeyId: args.kmsKeyArn,
                    finalSnapshot: true,
                    tags: tags(volume.purpose, { "readiness:purpose": volume.purpose }),
                },
                { parent: this, protect: true, retainOnDelete: true },
            );
            this.volumes[volume.purpose] = created;
            new ec2.VolumeAttachment(
                `${name}-${volume.purpose}-attachment`,
                { deviceName: volume.deviceName, volumeId: created.id, instanceId: this.instance.id, stopInstanceBeforeDetaching: true },
                { parent: this, deleteBeforeReplace: true },
            );
        }

        this.publicIp = new ec2.Eip(`${name}-ip`, { domain: "vpc", tags: tags("ip") }, { parent: this, protect: true });
        if (args.publicInterface) {
            this.publicInterface = new ec2.NetworkInterface(
                `${name}-public-eni`,
                { subnetId: args.publicInterface.subnetId, securityGroups: args.publicInterface.securityGroupIds, description: args.publicInterface.description, tags: tags("public-eni") },
                { parent: this },
            );
            // The interface (and its static IP) outlives the instance. A replacement host must
            // detach it from the old instance before attaching it to the new one: an interface is
            // attached to one instance at a time. The interface stays out of the launch template,
            // so that the instance keeps its own primary interface (subnetId, security groups).
            new ec2.NetworkInterfaceAttachment(
                `${name}-public-eni-attachment`,
                { instanceId: this.instance.id, networkInterfaceId: this.publicInterface.id, deviceIndex: 1 },
                { parent: this, deleteBeforeReplace: true },
            );
            new ec2.EipAssociation(`${name}-ip-association`, { allocationId: this.publicIp.allocationId, networkInterfaceId: this.publicInterface.id }, { parent: this });
        } else {
            // Same for the static IP on the instance: disassociate from the old host first.
            new ec2.EipAssociation(`${name}-ip-association`, { allocationId: this.publicIp.allocationId, instanceId: this.instance.id }, { parent: this, deleteBeforeReplace: true });
        }

        this.registerOutputs({ instanceId: this.instance.id, publicIp: this.publicIp.publicIp, roleArn: this.role.arn });
    }
}

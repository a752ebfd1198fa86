import * as pulumi from "@pulumi/pulumi";
import { RecordingSession } from "../../../gate/program";
import * as YAML from "yaml";
import { UbuntuHost, agentPolicy, validateUbuntuHostArgs } from "../../../components/compute/ubuntu-host";
import { inputsOf, named, ofType, recordingMocks } from "../../helpers/mocks";

let session: RecordingSession;

beforeAll(async () => {
    session = await recordingMocks();
    new UbuntuHost("app", {
        instanceType: "m7i.2xlarge",
        minimumCores: 4,
        minimumMemoryGiB: 8,
        rootVolumeGb: 120,
        subnetId: "subnet-private",
        availabilityZone: "us-east-1a",
        securityGroupIds: ["sg-app"],
        publicInterface: { subnetId: "subnet-public", securityGroupIds: ["sg-voice"], description: "SIP/RTP" },
        kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k",
        cloudConfig: { timezone: "UTC", packages: ["chrony"] },
        dataVolumes: [{ purpose: "voicemail", sizeGb: 50, deviceName: "/dev/sdf" }],
        readableSecretNames: ["app/env"],
        agentLogGroupNames: ["/app/pbx", "/app/nginx"],
        tags: { "readiness:blueprint": "warden-pbx", "readiness:role": "pbx" },
    });
    new UbuntuHost("plain", {
        instanceType: "m7i.xlarge",
        subnetId: "subnet-private",
        availabilityZone: "us-east-1a",
        securityGroupIds: ["sg-plain"],
        kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k",
        cloudConfig: { timezone: "UTC", packages: ["chrony"] },
        tags: { "readiness:blueprint": "voiceassist", "readiness:role": "app" },
    });
    // A document known only once another resource exists (a load balancer's name).
    new UbuntuHost("late", {
        instanceType: "m7i.xlarge",
        subnetId: "subnet-private",
        availabilityZone: "us-east-1a",
        securityGroupIds: ["sg-late"],
        kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k",
        cloudConfig: pulumi.output("internal-api.elb.us-east-1.amazonaws.com").apply((upstream) => ({ timezone: "UTC", write_files: [{ path: "/etc/upstream", content: upstream }] })),
        tags: { "readiness:blueprint": "voiceassist", "readiness:role": "app" },
    });
    await session.settle();
});

describe("UbuntuHost", () => {
    it("boots Canonical's image from its SSM parameter, with IMDSv2, an encrypted gp3 root and the rendered cloud-config", () => {
        const template = inputsOf(named(session, "aws:ec2/launchTemplate:LaunchTemplate", "app-template"));
        expect(template).toEqual({
            name: expect.stringMatching(/^app-template-[0-9a-f]{7}$/),
            description: "Ubuntu 24.04 LTS host app",
            imageId: "resolve:ssm:/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id",
            userData: expect.any(String),
            metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "enabled" },
            blockDeviceMappings: [{ deviceName: "/dev/sda1", ebs: { volumeSize: 120, volumeType: "gp3", encrypted: "true", kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/k", deleteOnTermination: "true" } }],
            monitoring: { enabled: true },
            updateDefaultVersion: true,
            tagSpecifications: [
                { resourceType: "instance", tags: { "readiness:blueprint": "warden-pbx", "readiness:role": "pbx", Name: "app-instance" } },
                { resourceType: "volume", tags: { "readiness:blueprint": "warden-pbx", "readiness:role": "pbx", Name: "app-root" } },
            ],
            tags: { "readiness:blueprint": "warden-pbx", "readiness:role": "pbx", Name: "app-template" },
        });
    });

    it("configures the second interface when it is hotplugged and at every boot, catching up an attachment that came before cloud-init's hotplug rule", () => {
        const userData = Buffer.from(inputsOf(named(session, "aws:ec2/launchTemplate:LaunchTemplate", "app-template")).userData as string, "base64").toString();
        expect(userData.startsWith("#cloud-config\n")).toBe(true);
        expect(YAML.parse(userData)).toEqual({
            timezone: "UTC",
            packages: ["chrony"],
            updates: { network: { when: ["boot", "hotplug"] } },
            runcmd: [
                'for dev in /sys/class/net/en*; do ip -4 -o addr show dev "${dev##*/}" | grep -q inet || udevadm trigger --action=add "$dev"; done',
            ],
        });
        // Without a second interface the document is the caller's, unchanged.
        expect(inputsOf(named(session, "aws:ec2/launchTemplate:LaunchTemplate", "plain-template")).userData).toBe(Buffer.from("#cloud-config\ntimezone: UTC\npackages:\n  - chrony\n").toString("base64"));
    });

    it("renders a document given as an Output once it is known", () => {
        expect(inputsOf(named(session, "aws:ec2/launchTemplate:LaunchTemplate", "late-template")).userData).toBe(
            Buffer.from("#cloud-config\ntimezone: UTC\nwrite_files:\n  - path: /etc/upstream\n    content: internal-api.elb.us-east-1.amazonaws.com\n").toString("base64"),
        );
    });

    it("launches the instance from the template with automatic recovery", () => {
        const instance = named(session, "aws:ec2/instance:Instance", "app-instance");
        expect(inputsOf(instance)).toEqual({
            launchTemplate: { id: named(session, "aws:ec2/launchTemplate:LaunchTemplate", "app-template").id, version: "1" },
            instanceType: "m7i.2xlarge",
            subnetId: "subnet-private",
            vpcSecurityGroupIds: ["sg-app"],
            iamInstanceProfile: expect.stringMatching(/^app-profile-/),
            maintenanceOptions: { autoRecovery: "default" },
            tags: { "readiness:blueprint": "warden-pbx", "readiness:role": "pbx", Name: "app-instance" },
        });
        expect(instance.propertyDependencies.launchTemplate).toEqual([named(session, "aws:ec2/launchTemplate:LaunchTemplate", "app-template").urn]);
    });

    it("keeps data volumes apart from the instance, encrypted, protected and retained", () => {
        const volume = named(session, "aws:ebs/volume:Volume", "app-voicemail");
        expect(inputsOf(volume)).toEqual({
            availabilityZone: "us-east-1a",
            size: 50,
            type: "gp3",
            encrypted: true,
            kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/k",
            finalSnapshot: true,
            tags: { "readiness:blueprint": "warden-pbx", "readiness:role": "pbx", Name: "app-voicemail", "readiness:purpose": "voicemail" },
        });
        expect(volume.options).toMatchObject({ protect: true, retainOnDelete: true });
        expect(volume.options.deleteBeforeReplace).toBeUndefined();
        const attachment = named(session, "aws:ec2/volumeAttachment:VolumeAttachment", "app-voicemail-attachment");
        expect(inputsOf(attachment)).toEqual({ deviceName: "/dev/sdf", volumeId: volume.id, instanceId: named(session, "aws:ec2/instance:Instance", "app-instance").id, stopInstanceBeforeDetaching: true });
        // A replacement host detaches the volume from the old instance first; the volume itself stays.
        expect(attachment.options.deleteBeforeReplace).toBe(true);
    });

    it("puts the static IP on a second interface in the public subnet, detached from the old host before a replacement attaches it", () => {
        const eni = named(session, "aws:ec2/networkInterface:NetworkInterface", "app-public-eni");
        expect(inputsOf(eni)).toEqual({ subnetId: "subnet-public", securityGroups: ["sg-voice"], description: "SIP/RTP", tags: { "readiness:blueprint": "warden-pbx", "readiness:role": "pbx", Name: "app-public-eni" } });
        const attachment = named(session, "aws:ec2/networkInterfaceAttachment:NetworkInterfaceAttachment", "app-public-eni-attachment");
        expect(inputsOf(attachment)).toEqual({ instanceId: named(session, "aws:ec2/instance:Instance", "app-instance").id, networkInterfaceId: eni.id, deviceIndex: 1 });
        expect(attachment.options.deleteBeforeReplace).toBe(true);
        expect(named(session, "aws:ec2/eip:Eip", "app-ip").options.protect).toBe(true);
        expect(Object.keys(named(session, "aws:ec2/eipAssociation:EipAssociation", "app-ip-association").propertyDependencies).sort()).toEqual(["allocationId", "networkInterfaceId"]);
    });

    it("moves a static IP on the instance itself to a replacement host by disassociating it first", () => {
        const association = named(session, "aws:ec2/eipAssociation:EipAssociation", "plain-ip-association");
        expect(Object.keys(association.propertyDependencies).sort()).toEqual(["allocationId", "instanceId"]);
        expect(association.options.deleteBeforeReplace).toBe(true);
    });

    it("gives the role Session Manager, the CloudWatch agent (its own log groups and namespace only) and only its own boot secret", () => {
        expect(ofType(session, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").map((attachment) => inputsOf(attachment).policyArn)).toEqual([
            "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
            "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
            "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
        ]);
        expect(JSON.parse(inputsOf(named(session, "aws:iam/rolePolicy:RolePolicy", "app-cloudwatch-agent")).policy as string)).toEqual({
            Version: "2012-10-17",
            Statement: [
                { Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*", Condition: { StringEquals: { "cloudwatch:namespace": ["CWAgent"] } } },
                { Effect: "Allow", Action: ["ec2:DescribeTags", "ec2:DescribeVolumes"], Resource: "*" },
                {
                    Effect: "Allow",
                    Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                    Resource: ["arn:aws:logs:us-east-1:*:log-group:/app/pbx", "arn:aws:logs:us-east-1:*:log-group:/app/pbx:*", "arn:aws:logs:us-east-1:*:log-group:/app/nginx", "arn:aws:logs:us-east-1:*:log-group:/app/nginx:*"],
                },
            ],
        });
        // By default the agent writes no log group at all and publishes only to CWAgent.
        expect(JSON.parse(inputsOf(named(session, "aws:iam/rolePolicy:RolePolicy", "plain-cloudwatch-agent")).policy as string)).toEqual(agentPolicy("us-east-1", ["CWAgent"], []));
        expect(agentPolicy("us-east-1", ["CWAgent"], []).Statement).toHaveLength(2);
        expect(ofType(session, "aws:iam/rolePolicy:RolePolicy").map((policy) => policy.name).sort()).toEqual(["app-boot-secrets", "app-cloudwatch-agent", "late-cloudwatch-agent", "plain-cloudwatch-agent"]);
        const policy = JSON.parse(inputsOf(named(session, "aws:iam/rolePolicy:RolePolicy", "app-boot-secrets")).policy as string);
        expect(policy.Statement).toEqual([
            { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: ["arn:aws:secretsmanager:us-east-1:*:secret:app/env-*"] },
            { Effect: "Allow", Action: "kms:Decrypt", Resource: "arn:aws:kms:us-east-1:123456789012:key/k", Condition: { StringEquals: { "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com" } } },
        ]);
    });
});

describe("validateUbuntuHostArgs", () => {
    it("accepts a sized host", () => {
        expect(validateUbuntuHostArgs({ instanceType: "c7i.2xlarge", minimumCores: 4, minimumMemoryGiB: 8 })).toEqual([]);
    });

    it("refuses what is below the sizing, not LTS, unknown or too small, all at once", () => {
        expect(validateUbuntuHostArgs({ ubuntuRelease: "23.10", instanceType: "c7i.xlarge", minimumCores: 4, minimumMemoryGiB: 16, rootVolumeGb: 50 })).toEqual([
            { propertyPath: "ubuntuRelease", reason: "'23.10' is not an Ubuntu LTS release of 22.04 or later" },
            { propertyPath: "instanceType", reason: "c7i.xlarge has 2 physical cores, at least 4 are required" },
            { propertyPath: "instanceType", reason: "c7i.xlarge has 8 GiB of memory, at least 16 are required" },
            { propertyPath: "rootVolumeGb", reason: "must be an integer of at least 100 GB, got 50" },
        ]);
        expect(validateUbuntuHostArgs({ instanceType: "x9.huge" })).toEqual([{ propertyPath: "instanceType", reason: "unknown instance type 'x9.huge' (its cores and memory cannot be checked)" }]);
    });
});

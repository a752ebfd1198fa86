// Server requirements (1.1.1, 1.1.2): size, disk, interfaces, image, updates, hardening, time.
import hardening from "../../../policies/warden-pbx/rules/hosts/hardening";
import ntp from "../../../policies/warden-pbx/rules/hosts/ntp";
import pbxCpuCores from "../../../policies/warden-pbx/rules/hosts/pbx-cpu-cores";
import pbxDisk from "../../../policies/warden-pbx/rules/hosts/pbx-disk";
import pbxMemory from "../../../policies/warden-pbx/rules/hosts/pbx-memory";
import pbxPowerRedundancy from "../../../policies/warden-pbx/rules/hosts/pbx-power-redundancy";
import pbxVoiceInterface from "../../../policies/warden-pbx/rules/hosts/pbx-voice-interface";
import securityUpdates from "../../../policies/warden-pbx/rules/hosts/security-updates";
import timezone from "../../../policies/warden-pbx/rules/hosts/timezone";
import ubuntu2404 from "../../../policies/warden-pbx/rules/hosts/ubuntu-24-04";
import { describeRule } from "./cases";
import { UNKNOWN } from "./environment";

const LT = 'aws:ec2/launchTemplate:LaunchTemplate "pbx-lt"';
const INSTANCE = 'aws:ec2/instance:Instance "pbx"';

describeRule({
    rule: pbxCpuCores,
    passes: [{ when: "more than 100 extensions run on 8 physical cores", change: (env) => env.set("pbx", "tags.readiness:extensions", "150").set("pbx", "instanceType", "m7i.4xlarge") }],
    fails: [
        { when: "the instance has 2 physical cores", change: (env) => env.set("pbx", "instanceType", "m7i.xlarge"), message: `${INSTANCE}: m7i.xlarge has 2 physical cores; 4 are required`, resource: "pbx" },
        {
            when: "more than 100 extensions run on 4 cores",
            change: (env) => env.set("pbx", "tags.readiness:extensions", "150"),
            message: `${INSTANCE}: m7i.2xlarge has 4 physical cores; 8 are required for 150 extensions (more than 100)`,
        },
        { when: "the type is not in the size table", change: (env) => env.set("pbx", "instanceType", "x9z.large"), message: /x9z\.large is not in the size table/ },
        { when: "the type comes from the launch template", change: (env) => env.set("pbx", "instanceType", undefined).set("pbx-lt", "instanceType", "t3.large"), message: `${LT}: t3.large has 1 physical cores; 4 are required`, resource: "pbx-lt" },
        { when: "there is no PBX host", change: (env) => env.remove("pbx"), message: /^no PBX host/ },
    ],
    unknown: (env) => env.set("pbx", "instanceType", UNKNOWN),
});

describeRule({
    rule: pbxMemory,
    passes: [{ when: "cpuOptions do not matter for memory", change: (env) => env.set("pbx", "cpuOptions.coreCount", 2) }],
    fails: [
        { when: "the instance has 4 GiB", change: (env) => env.set("pbx", "instanceType", "t3.medium"), message: `${INSTANCE}: t3.medium has 4 GiB of memory; 8 GiB are required`, resource: "pbx" },
        {
            when: "more than 100 extensions run on 8 GiB",
            change: (env) => env.set("pbx", "tags.readiness:extensions", "101").set("pbx", "instanceType", "m7i.large"),
            message: `${INSTANCE}: m7i.large has 8 GiB of memory; 16 GiB are required for 101 extensions (more than 100)`,
        },
    ],
    unknown: (env) => env.set("pbx", "instanceType", UNKNOWN),
});

describeRule({
    rule: pbxDisk,
    fails: [
        {
            when: "the host has less than 100 GB",
            change: (env) => env.set("pbx-lt", "blockDeviceMappings.0.ebs.volumeSize", 8).remove("voicemail-attachment", "recordings-attachment"),
            message: `${INSTANCE}: has 8 GB of SSD storage; at least 100 GB are required`,
            resource: "pbx",
        },
        { when: "a volume is magnetic", change: (env) => env.set("recordings", "type", "st1"), message: 'aws:ebs/volume:Volume "recordings": volume /dev/sdg is st1, not SSD (gp2, gp3, io1, io2)', resource: "recordings" },
    ],
    unknown: (env) => env.set("voicemail", "size", UNKNOWN),
});

describeRule({
    rule: pbxVoiceInterface,
    fails: [
        { when: "the host has only its primary interface", change: (env) => env.remove("pbx-voice-eni-attachment", "pbx-ip-association"), message: `${INSTANCE}: has no network interface besides its primary one, so SIP/RTP share it with all other traffic` },
        { when: "the second interface does not carry SIP", change: (env) => env.depend("pbx-voice-eni", "securityGroups", ["alb-sg"]), message: /none of its security groups admits SIP \(5060\/udp\)/, resource: "pbx-voice-eni" },
    ],
    unknown: (env) => env.set("pbx-voice-eni-attachment", "deviceIndex", UNKNOWN),
});

describeRule({
    rule: pbxPowerRedundancy,
    fails: [{ when: "automatic recovery is disabled", change: (env) => env.set("pbx", "maintenanceOptions.autoRecovery", "disabled"), message: /disables automatic recovery/, resource: "pbx" }],
    unknown: (env) => env.set("pbx", "maintenanceOptions", UNKNOWN),
    compliantIsNotApplicable: true,
    notApplicable: { when: "the PBX runs on EC2 with automatic recovery", change: () => undefined, reason: /power redundancy is AWS's/ },
});

describeRule({
    rule: ubuntu2404,
    passes: [{ when: "an approved AMI id is used", change: (env) => env.set("pbx-lt", "imageId", "ami-0123456789abcdef0"), config: { approvedImageIds: ["ami-0123456789abcdef0"] } }],
    fails: [
        { when: "the image is Ubuntu 22.04", change: (env) => env.set("pbx-lt", "imageId", "resolve:ssm:/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id"), message: `${LT}: boots Ubuntu 22.04; Ubuntu 24.04 LTS is required`, resource: "pbx-lt" },
        { when: "the image is an unknown AMI id", change: (env) => env.set("pbx", "ami", "ami-0fedcba9876543210"), message: /boots ami-0fedcba9876543210, which is neither/, resource: "pbx" },
    ],
    unknown: (env) => env.set("pbx-lt", "imageId", UNKNOWN),
});

describeRule({
    rule: securityUpdates,
    fails: [
        { when: "package_upgrade is off", change: (env) => (env.cloud.package_upgrade = false), message: `${LT}: does not set package_update and package_upgrade to true, so pending updates are not applied at first boot`, resource: "pbx-lt" },
        { when: "unattended upgrades are disabled", change: (env) => env.editFile("/etc/apt/apt.conf.d/20auto-upgrades", (text) => text.replace('Unattended-Upgrade "1"', 'Unattended-Upgrade "0"')), message: /does not enable unattended upgrades/ },
        { when: "unattended-upgrades is not installed", change: (env) => env.list("packages", (list) => list.filter((name) => name !== "unattended-upgrades")), message: /does not install unattended-upgrades/ },
        { when: "origins leave out security", change: (env) => env.editFile("/etc/apt/apt.conf.d/50unattended-upgrades", (text) => text.replace(/-security/g, "-updates").replace("-apps-updates", "-apps")), message: /without the security pocket/ },
        { when: "the image is pinned", change: (env) => env.set("pbx-lt", "imageId", "resolve:ssm:/aws/service/canonical/ubuntu/server/24.04/stable/20250115/amd64/hvm/ebs-gp3/ami-id"), message: /boots a pinned Ubuntu build/ },
    ],
    unknown: (env) => env.set("pbx-lt", "userData", UNKNOWN),
});

describeRule({
    rule: hardening,
    fails: [
        { when: "snapd stays enabled", change: (env) => env.command(/^systemctl disable --now snapd/), message: `${LT}: leaves snapd enabled: add \`systemctl disable --now snapd\` or \`systemctl mask snapd\` to runcmd` },
        { when: "telnetd is installed", change: (env) => env.list("packages", (list) => [...list, "telnetd"]), message: `${LT}: installs telnetd, which a PBX host must not run` },
        { when: "SSH passwords are allowed", change: (env) => (env.cloud.ssh_pwauth = true), message: /does not turn off SSH password login/ },
        { when: "IMDSv1 is allowed", change: (env) => env.set("pbx-lt", "metadataOptions.httpTokens", "optional"), message: /httpTokens is optional/, resource: "pbx-lt" },
        { when: "the instance overrides the template with IMDSv1", change: (env) => env.set("pbx", "metadataOptions", { httpTokens: "optional" }), message: /httpTokens is optional/, resource: "pbx" },
    ],
    unknown: (env) => env.set("pbx-lt", "userData", UNKNOWN),
});

describeRule({
    rule: timezone,
    passes: [{ when: "the configured zone is used", change: (env) => (env.cloud.timezone = "America/Chicago"), config: { timezone: "America/Chicago" } }],
    fails: [
        { when: "no timezone is set", change: (env) => delete env.cloud.timezone, message: `${LT}: sets no timezone, so the host keeps whatever the image has` },
        { when: "the zone is invalid", change: (env) => (env.cloud.timezone = "Mars/Olympus"), message: /Mars\/Olympus, which is not an IANA time zone/ },
    ],
    unknown: (env) => env.set("pbx-lt", "userData", UNKNOWN),
});
describeRule({ rule: timezone, config: { timezone: "UTC" }, fails: [{ when: "a zone other than the configured one is set", change: (env) => (env.cloud.timezone = "Europe/Paris"), message: /Europe\/Paris; UTC is required/ }], unknown: (env) => env.set("pbx", "userData", UNKNOWN) });

describeRule({
    rule: ntp,
    passes: [{ when: "the Amazon Time Sync Service is required", change: () => undefined, config: { requiredServers: ["169.254.169.123"] } }],
    fails: [
        { when: "NTP is disabled", change: (env) => (env.cloud.ntp = { enabled: false }), message: `${LT}: does not enable NTP (cloud-init ntp.enabled: true)` },
        { when: "the client is unknown", change: (env) => (env.cloud.ntp = { enabled: true, ntp_client: "sundial" }), message: /sundial/ },
    ],
    unknown: (env) => env.set("pbx-lt", "userData", UNKNOWN),
});

// Server requirements and hardening (1.1, 1.3): image, size, disk, name, time, SSH, fail2ban, ufw, updates, auditd.
import auditd from "../../../policies/voiceassist/rules/hosts/auditd";
import cpuCores from "../../../policies/voiceassist/rules/hosts/cpu-cores";
import disk from "../../../policies/voiceassist/rules/hosts/disk";
import fail2ban from "../../../policies/voiceassist/rules/hosts/fail2ban";
import hostname from "../../../policies/voiceassist/rules/hosts/hostname";
import memory from "../../../policies/voiceassist/rules/hosts/memory";
import ntp from "../../../policies/voiceassist/rules/hosts/ntp";
import securityUpdates from "../../../policies/voiceassist/rules/hosts/security-updates";
import sshKeys from "../../../policies/voiceassist/rules/hosts/ssh-keys";
import sshPasswordOff from "../../../policies/voiceassist/rules/hosts/ssh-password-off";
import ubuntuRelease from "../../../policies/voiceassist/rules/hosts/ubuntu-release";
import ufw from "../../../policies/voiceassist/rules/hosts/ufw";
import utcTimezone from "../../../policies/voiceassist/rules/hosts/utc-timezone";
import { describeRule } from "./cases";
import { UNKNOWN } from "./environment";

const LT = 'aws:ec2/launchTemplate:LaunchTemplate "app-lt"';
const INSTANCE = 'aws:ec2/instance:Instance "app"';

describeRule({
    rule: ubuntuRelease,
    passes: [{ when: "the server runs Ubuntu 22.04", change: (env) => env.set("app-lt", "imageId", "resolve:ssm:/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id") }],
    fails: [
        { when: "the server runs Ubuntu 20.04", change: (env) => env.set("app-lt", "imageId", "resolve:ssm:/aws/service/canonical/ubuntu/server/20.04/stable/current/amd64/hvm/ebs-gp2/ami-id"), message: `${LT}: boots Ubuntu 20.04; an LTS release 22.04 or later is required`, resource: "app-lt" },
        { when: "the image is an unknown AMI", change: (env) => env.set("app-lt", "imageId", "ami-0123456789abcdef0"), message: /boots ami-0123456789abcdef0, which is neither/ },
        { when: "there is no server", change: (env) => env.remove("app", "app-data-attachment", "app-ip-association", "app-web-attachment"), message: /^no VoiceAssist server/ },
    ],
    unknown: (env) => env.set("app-lt", "imageId", UNKNOWN),
});

describeRule({
    rule: memory,
    fails: [
        { when: "the server has 16 GiB", change: (env) => env.set("app", "instanceType", "m7i.xlarge"), message: `${INSTANCE}: host "app": m7i.xlarge has 16 GiB of memory; 32 GiB are required`, resource: "app" },
        { when: "a node group has 16 GiB", change: (env) => env.set("eks-nodes", "instanceTypes", ["m7a.xlarge"]), message: /node group "eks-nodes": m7a.xlarge has 16 GiB/, resource: "eks-nodes" },
        { when: "the type is not in the size table", change: (env) => env.set("app", "instanceType", "x9z.large"), message: /x9z\.large is not in the size table/ },
    ],
    unknown: (env) => env.set("app", "instanceType", UNKNOWN),
});

describeRule({
    rule: cpuCores,
    fails: [{ when: "the server has 4 physical cores", change: (env) => env.set("app", "instanceType", "m7i.2xlarge"), message: `${INSTANCE}: host "app": m7i.2xlarge has 4 physical cores; 8 are required`, resource: "app" }],
    unknown: (env) => env.set("eks-nodes", "instanceTypes", UNKNOWN),
});

describeRule({
    rule: disk,
    fails: [
        { when: "the data volume is detached", change: (env) => env.remove("app-data-attachment"), message: `${INSTANCE}: has 100 GB of SSD storage; at least 500 GB are required`, resource: "app" },
        { when: "the data volume is magnetic", change: (env) => env.set("app-data", "type", "st1"), message: /volume \/dev\/sdf is st1, not SSD/, resource: "app-data" },
    ],
    unknown: (env) => env.set("app-data", "size", UNKNOWN),
});

describeRule({
    rule: hostname,
    fails: [
        { when: "no name is set", change: (env) => { delete env.cloud.hostname; delete env.cloud.fqdn; }, message: `${LT}: sets no hostname or fqdn, so the server keeps the ip-a-b-c-d name EC2 gives it`, resource: "app-lt" },
        { when: "the name is invalid", change: (env) => { env.cloud.hostname = "voice_assist"; }, message: /sets host name voice_assist, which is not a valid host name/ },
    ],
    unknown: (env) => env.set("app-lt", "userData", UNKNOWN),
});

describeRule({
    rule: utcTimezone,
    passes: [{ when: "the zone is Etc/UTC", change: (env) => { env.cloud.timezone = "Etc/UTC"; } }],
    fails: [
        { when: "the zone is America/Chicago", change: (env) => { env.cloud.timezone = "America/Chicago"; }, message: `${LT}: sets timezone America/Chicago; UTC is required` },
        { when: "no zone is set", change: (env) => { delete env.cloud.timezone; }, message: /sets no timezone/ },
    ],
    unknown: (env) => env.set("app-lt", "userData", UNKNOWN),
});

describeRule({
    rule: ntp,
    fails: [{ when: "NTP is off", change: (env) => { env.cloud.ntp = { enabled: false }; }, message: `${LT}: does not enable NTP (cloud-init ntp.enabled: true)` }],
    unknown: (env) => env.set("app-lt", "userData", UNKNOWN),
});

describeRule({
    rule: sshKeys,
    passes: [{ when: "only the launch template names a key pair", change: (env) => { env.cloud.users = ["default"]; } }],
    fails: [{ when: "no key is installed", change: (env) => { env.set("app-lt", "keyName", undefined); env.cloud.users = ["default"]; }, message: /has no SSH key/ }],
    unknown: (env) => env.set("app-lt", "keyName", UNKNOWN),
});

describeRule({
    rule: sshPasswordOff,
    fails: [
        { when: "password login is on", change: (env) => { env.cloud.ssh_pwauth = true; }, message: `${LT}: does not turn off SSH password login (ssh_pwauth: false)` },
        { when: "a user gets a password", change: (env) => { env.cloud.users = ["default", { name: "deploy", lock_passwd: false, plain_text_passwd: "deploy" }]; }, message: /gives user deploy a password/ },
        { when: "sshd_config re-enables passwords", change: (env) => env.file("/etc/ssh/sshd_config.d/50-cloud.conf", "PasswordAuthentication yes\n"), message: /turns PasswordAuthentication back on/ },
    ],
    unknown: (env) => env.set("app-lt", "userData", UNKNOWN),
});

describeRule({
    rule: fail2ban,
    fails: [
        { when: "fail2ban is not installed", change: (env) => env.list("packages", (entries) => entries.filter((entry) => entry !== "fail2ban")), message: `${LT}: does not install and run fail2ban` },
        { when: "the sshd jail is disabled", change: (env) => env.editFile("/etc/fail2ban/jail.d/sshd.local", (text) => text.replace("[sshd]\nenabled = true", "[sshd]\nenabled = false")), message: /has no enabled fail2ban \[sshd\] jail/ },
        { when: "the jail allows 10 retries", change: (env) => env.editFile("/etc/fail2ban/jail.d/sshd.local", (text) => text.replace("maxretry = 5", "maxretry = 10")), message: /bans after 10 failures/ },
        {
            when: "jail.local enables sshd and jail.d/sshd.local, read after it, disables it",
            change: (env) => env.editFile("/etc/fail2ban/jail.d/sshd.local", (text) => text.replace("[sshd]\nenabled = true", "[sshd]\nenabled = false")).file("/etc/fail2ban/jail.local", "[sshd]\nenabled = true\nmaxretry = 5\nbantime = 1h\n"),
            message: /has no enabled fail2ban \[sshd\] jail/,
        },
    ],
    passes: [{ when: "jail.local disables sshd and jail.d/sshd.local, read after it, enables it", change: (env) => env.file("/etc/fail2ban/jail.local", "[sshd]\nenabled = false\n") }],
    unknown: (env) => env.set("app-lt", "userData", UNKNOWN),
});

describeRule({
    rule: ufw,
    fails: [
        { when: "ufw is never enabled", change: (env) => env.command(/^ufw --force enable$/), message: `${LT}: never enables the host firewall (\`ufw --force enable\`)` },
        { when: "ufw lets 5432 in", change: (env) => env.list("runcmd", (lines) => ["ufw allow 5432/tcp", ...lines]), message: /lets 5432\/tcp in through ufw \(ufw allow 5432\/tcp\)/ },
        { when: "ufw lets postgresql in by service name", change: (env) => env.list("runcmd", (lines) => ["ufw allow postgresql", ...lines]), message: `${LT}: lets 5432/tcp in through ufw (ufw allow postgresql); only 80/tcp, 443/tcp, 22/tcp are allowed` },
        { when: "ufw lets https in over UDP (HTTP/3) by service name", change: (env) => env.list("runcmd", (lines) => ["ufw allow https", ...lines]), message: /lets 443\/udp in through ufw \(ufw allow https\)/ },
        { when: "a ufw command cannot be read", change: (env) => env.list("runcmd", (lines) => ["ufw allow grafana", ...lines]), message: `${LT}: runs a ufw command the policy cannot read (ufw allow grafana), so the ports it opens cannot be shown to be within 80/tcp, 443/tcp, 22/tcp` },
    ],
    passes: [
        { when: "ufw allows the Nginx Full profile", change: (env) => env.list("runcmd", (lines) => ['ufw allow "Nginx Full"', ...lines]) },
        { when: "ufw allows http and https over TCP by name", change: (env) => env.list("runcmd", (lines) => ["ufw allow http/tcp", "ufw allow https/tcp", ...lines]) },
    ],
    unknown: (env) => env.set("app-lt", "userData", UNKNOWN),
});

describeRule({
    rule: securityUpdates,
    fails: [{ when: "unattended upgrades are off", change: (env) => env.editFile("/etc/apt/apt.conf.d/20auto-upgrades", (text) => text.replace('Unattended-Upgrade "1"', 'Unattended-Upgrade "0"')), message: /does not enable unattended upgrades/ }],
    unknown: (env) => env.set("app-lt", "userData", UNKNOWN),
});

describeRule({
    rule: auditd,
    fails: [
        { when: "auditd is not installed", change: (env) => env.list("packages", (entries) => entries.filter((entry) => entry !== "auditd")), message: `${LT}: does not install and run auditd` },
        { when: "no rules are written", change: (env) => env.removeFile("/etc/audit/rules.d/hipaa.rules"), message: /writes no audit rules/ },
        { when: "sudoers is not watched", change: (env) => env.editFile("/etc/audit/rules.d/hipaa.rules", (text) => text.replace("-w /etc/sudoers -p wa -k privilege\n", "")), message: /audit rules do not watch \/etc\/sudoers/ },
    ],
    unknown: (env) => env.set("app-lt", "userData", UNKNOWN),
});

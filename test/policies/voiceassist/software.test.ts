// Required software and system updates (2.1, 2.3).
import certbot from "../../../policies/voiceassist/rules/software/certbot";
import docker from "../../../policies/voiceassist/rules/software/docker";
import dockerCompose from "../../../policies/voiceassist/rules/software/docker-compose";
import git from "../../../policies/voiceassist/rules/software/git";
import kernelCurrent from "../../../policies/voiceassist/rules/software/kernel-current";
import nginx from "../../../policies/voiceassist/rules/software/nginx";
import openssl from "../../../policies/voiceassist/rules/software/openssl";
import packagesUpgraded from "../../../policies/voiceassist/rules/software/packages-upgraded";
import python from "../../../policies/voiceassist/rules/software/python";
import rebootAfterUpdates from "../../../policies/voiceassist/rules/software/reboot-after-updates";
import securityPatches from "../../../policies/voiceassist/rules/software/security-patches";
import { Environment } from "../../helpers/environment";
import { describeRule } from "./cases";
import { UNKNOWN } from "./environment";

const LT = 'aws:ec2/launchTemplate:LaunchTemplate "app-lt"';
const without = (name: string) => (env: Environment) => env.list("packages", (entries) => entries.filter((entry) => entry !== name));
const userDataUnknown = (env: Environment) => env.set("app-lt", "userData", UNKNOWN);

describeRule({
    rule: docker,
    passes: [{ when: "Ubuntu 24.04's docker.io is installed", change: (env) => env.list("packages", (entries) => ["docker.io", ...entries.filter((entry) => entry !== "docker-ce")]) }],
    fails: [
        { when: "Docker is not installed", change: without("docker-ce"), message: `${LT}: does not install Docker (docker-ce or docker.io)`, resource: "app-lt" },
        { when: "Docker 23 is pinned", change: (env) => env.list("packages", (entries) => [["docker-ce", "5:23.0.6-1~ubuntu.22.04~jammy"], ...entries.filter((entry) => entry !== "docker-ce")]), message: /pins docker-ce 5:23\.0\.6-1~ubuntu\.22\.04~jammy; Docker 24\.0 or newer is required/ },
        { when: "Docker's repository is missing", change: (env) => { env.cloud.apt = {}; }, message: /without adding Docker's apt repository/ },
        { when: "Docker is not started", change: (env) => env.command(/enable --now docker/), message: /does not start Docker at boot/ },
    ],
    unknown: userDataUnknown,
});

describeRule({
    rule: dockerCompose,
    fails: [
        { when: "only Compose v1 is installed", change: (env) => env.list("packages", (entries) => ["docker-compose", ...entries.filter((entry) => entry !== "docker-compose-plugin")]), message: /does not install Docker Compose v2 .*docker-compose is the retired v1/ },
        { when: "Compose 2.17 is pinned", change: (env) => env.list("packages", (entries) => [["docker-compose-plugin", "2.17.2-1~ubuntu.22.04~jammy"], ...entries.filter((entry) => entry !== "docker-compose-plugin")]), message: /pins docker-compose-plugin 2\.17\.2.*; Docker Compose 2\.20 or newer is required/ },
    ],
    unknown: userDataUnknown,
});

for (const [rule, name, message] of [
    [git, "git", "does not install Git (git)"],
    [nginx, "nginx", "does not install nginx (nginx or nginx-full or nginx-light or nginx-core)"],
    [certbot, "certbot", "does not install Certbot (certbot)"],
    [openssl, "openssl", "does not install OpenSSL (openssl)"],
] as const) {
    describeRule({ rule, fails: [{ when: `${name} is not installed`, change: without(name), message: `${LT}: ${message}`, resource: "app-lt" }], unknown: userDataUnknown });
}

describeRule({
    rule: python,
    passes: [{ when: "python3.11 is installed on Ubuntu 22.04", change: (env) => env.set("app-lt", "imageId", "resolve:ssm:/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id").list("packages", (entries) => ["python3.11", ...entries]) }],
    fails: [
        { when: "python3 is 3.10 (Ubuntu 22.04)", change: (env) => env.set("app-lt", "imageId", "resolve:ssm:/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id"), message: /does not install Python 3\.11 or newer/ },
        { when: "no Python is installed", change: without("python3"), message: /does not install Python 3\.11 or newer/ },
    ],
    unknown: userDataUnknown,
});

describeRule({
    rule: packagesUpgraded,
    fails: [{ when: "packages are not upgraded", change: (env) => { env.cloud.package_upgrade = false; }, message: `${LT}: does not set package_update and package_upgrade to true, so pending updates are not applied at first boot` }],
    unknown: userDataUnknown,
});

describeRule({
    rule: kernelCurrent,
    fails: [
        { when: "the image build is pinned", change: (env) => env.set("app-lt", "imageId", "resolve:ssm:/aws/service/canonical/ubuntu/server/24.04/stable/20240423/amd64/hvm/ebs-gp3/ami-id"), message: /boots a pinned Ubuntu build/, resource: "app-lt" },
        { when: "packages are not upgraded", change: (env) => { env.cloud.package_upgrade = false; }, message: /does not upgrade packages at first boot/ },
    ],
    unknown: (env) => env.set("app-lt", "imageId", UNKNOWN),
});

describeRule({
    rule: securityPatches,
    fails: [{ when: "unattended-upgrades skips the security pocket", change: (env) => env.editFile("/etc/apt/apt.conf.d/50unattended-upgrades", (text) => text.replace("-security", "-updates")), message: /limits unattended upgrades to origins without the security pocket/ }],
    unknown: userDataUnknown,
});

describeRule({
    rule: rebootAfterUpdates,
    fails: [
        { when: "the first boot never reboots", change: (env) => { delete env.cloud.package_reboot_if_required; }, message: /package_reboot_if_required: true/ },
        { when: "unattended-upgrades never reboots", change: (env) => env.editFile("/etc/apt/apt.conf.d/50unattended-upgrades", (text) => text.replace('Automatic-Reboot "true"', 'Automatic-Reboot "false"')), message: /Automatic-Reboot "true"/ },
    ],
    unknown: userDataUnknown,
});

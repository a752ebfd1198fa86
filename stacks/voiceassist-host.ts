// What a VoiceAssist application host does at boot, from the shared cloud-init blocks: the
// hardened baseline (UTC, NTP, SSH keys only, fail2ban, UFW for 80/443/22, unattended upgrades),
// auditd with HIPAA rules, Docker with rotated logs, nginx in front of the API, and the
// application's .env filled from Secrets Manager, readable by root only.
import {
    CloudConfigDocument,
    HIPAA_AUDIT_RULES,
    auditd,
    awsCli,
    baselineHardening,
    dataVolumes,
    docker,
    fail2ban,
    hostFirewall,
    mergeCloudInit,
    reverseProxy,
    secretsEnvFile,
    securityUpdates,
    timeSync,
} from "../components/compute/cloud-init";

export const APP_HOME = "/opt/voiceassist";

export interface AppHostOptions {
    hostname: string;
    domain: string;
    region: string;
    envSecretName: string;
    adminCidrs: string[];
    adminSshKeys: string[];
    /** Where the load balancer reaches nginx from (the VPC block). */
    webSourceCidr: string;
    dataDevice: string;
}

export function appHostCloudConfig(options: AppHostOptions): CloudConfigDocument {
    return mergeCloudInit(
        { settings: { package_reboot_if_required: true } },
        securityUpdates(),
        timeSync("UTC"),
        baselineHardening({ hostname: options.hostname }),
        {
            packages: ["git", "python3", "python3-venv", "certbot", "python3-certbot-nginx", "openssl"],
            users: ["default", { name: "deploy", groups: ["docker"], shell: "/bin/bash", lock_passwd: true, ssh_authorized_keys: options.adminSshKeys }],
        },
        // Docker's data (images, volumes) lives on the dedicated encrypted volume.
        dataVolumes([{ label: "data", device: options.dataDevice, mountPoint: "/var/lib/docker" }]),
        hostFirewall([
            { port: "80", protocol: "tcp", from: options.webSourceCidr },
            { port: "443", protocol: "tcp", from: options.webSourceCidr },
            ...options.adminCidrs.map((from) => ({ port: "22", protocol: "tcp" as const, from })),
        ]),
        fail2ban([{ name: "sshd", port: "ssh" }, { name: "nginx-http-auth" }], { file: "sshd" }),
        auditd("hipaa", HIPAA_AUDIT_RULES),
        docker({ maxSize: "10m", maxFiles: 3, users: ["deploy"] }),
        awsCli(),
        { runcmd: [`mkdir -p ${APP_HOME}`, `chmod 0750 ${APP_HOME}`] },
        secretsEnvFile({ secretName: options.envSecretName, region: options.region, path: `${APP_HOME}/.env`, owner: "root:root", mode: "600" }),
        reverseProxy("voiceassist", { serverName: options.domain, upstream: "127.0.0.1:8000", requestsPerSecond: 20, burst: 40 }),
    );
}

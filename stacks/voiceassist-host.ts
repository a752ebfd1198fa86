// What a VoiceAssist application host does at boot, from the shared cloud-init blocks: the
// hardened baseline (UTC, NTP, SSH keys only, fail2ban, UFW for 80/443/22, unattended upgrades),
// auditd with HIPAA rules, Docker with rotated logs, nginx in front of the API (TLS 1.3 from the
// public load balancer, TLS 1.3 on to the API gateway's internal load balancer, whose ACM
// certificate it verifies), and the CloudWatch agent shipping the audit and nginx logs with
// memory and disk metrics. The application itself runs in the EKS cluster, which holds its
// environment (the checklist's .env) in a ConfigMap and a Secret: the host keeps no .env and may
// not read the application's secrets.
import {
    CloudConfigDocument,
    HIPAA_AUDIT_RULES,
    auditd,
    awsCli,
    baselineHardening,
    cloudwatchAgent,
    dataVolumes,
    docker,
    fail2ban,
    hostFirewall,
    mergeCloudInit,
    reverseProxy,
    securityUpdates,
    timeSync,
} from "../components/compute/cloud-init";

export const APP_HOME = "/opt/voiceassist";
export const DOCKER_DATA = "/var/lib/docker";
/** Log groups the host's agent writes to; the blueprint creates them (2557-day retention, KMS). */
export const LOG_GROUPS = { audit: "/voiceassist/audit", nginx: "/voiceassist/nginx" };
export const NGINX_LOGS = { access: "/var/log/nginx/voiceassist.access.log", error: "/var/log/nginx/voiceassist.error.log" };

export interface AppHostOptions {
    hostname: string;
    domain: string;
    /** Host name of the API gateway's internal load balancer (TLS on 443 with the certificate for `domain`). */
    apiEndpoint: string;
    adminCidrs: string[];
    adminSshKeys: string[];
    /** Where the load balancer reaches nginx from (the VPC block); nginx trusts its X-Forwarded-For. */
    webSourceCidr: string;
    dataDevice: string;
}

/**
 * The CloudWatch agent's configuration: mem_used_percent with the InstanceId dimension and
 * disk_used_percent rolled up to InstanceId + path (what the blueprint's alarms use), the kernel
 * audit log to the audit log group and nginx's logs to their own.
 */
export function appAgentConfig(): Record<string, unknown> {
    return {
        // root: auditd writes /var/log/audit/audit.log for root only.
        agent: { metrics_collection_interval: 60, run_as_user: "root" },
        metrics: {
            namespace: "CWAgent",
            append_dimensions: { InstanceId: "${aws:InstanceId}" },
            aggregation_dimensions: [["InstanceId", "path"], ["InstanceId"]],
            metrics_collected: {
                mem: { measurement: ["mem_used_percent"] },
                disk: { measurement: ["used_percent"], resources: ["/", DOCKER_DATA] },
            },
        },
        logs: {
            logs_collected: {
                files: {
                    collect_list: [
                        { file_path: "/var/log/audit/audit.log", log_group_name: LOG_GROUPS.audit },
                        { file_path: NGINX_LOGS.access, log_group_name: LOG_GROUPS.nginx },
                        { file_path: NGINX_LOGS.error, log_group_name: LOG_GROUPS.nginx },
                    ],
                },
            },
        },
    };
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
        dataVolumes([{ label: "data", device: options.dataDevice, mountPoint: DOCKER_DATA }]),
        hostFirewall([
            { port: "80", protocol: "tcp", from: options.webSourceCidr },
            { port: "443", protocol: "tcp", from: options.webSourceCidr },
            ...options.adminCidrs.map((from) => ({ port: "22", protocol: "tcp" as const, from })),
        ]),
        // Before auditd: its rules watch ${APP_HOME}/.env, and a watch loads only in an existing directory.
        { runcmd: [`mkdir -p ${APP_HOME}`, `chmod 0750 ${APP_HOME}`] },
        auditd("hipaa", HIPAA_AUDIT_RULES),
        docker({ maxSize: "10m", maxFiles: 3, users: ["deploy"] }),
        awsCli(),
        reverseProxy("voiceassist", {
            serverName: options.domain,
            upstream: options.apiEndpoint,
            upstreamTls: { serverName: options.domain, protocols: ["TLSv1.3"] },
            requestsPerSecond: 20,
            burst: 40,
            tlsProtocols: ["TLSv1.3"],
            trustedProxyCidrs: [options.webSourceCidr],
            // Audio uploads: OpenAI's transcription API takes files up to 25 MB.
            maxBodySize: "25m",
        }),
        // After nginx: its error log exists (and is created if not) before fail2ban starts.
        fail2ban([{ name: "sshd", port: "ssh" }, { name: "nginx-http-auth", logpath: NGINX_LOGS.error, logOwner: "www-data:adm" }], { file: "sshd" }),
        cloudwatchAgent(appAgentConfig()),
    );
}

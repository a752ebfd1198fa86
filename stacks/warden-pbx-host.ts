// What the Warden PBX host does at boot, from the shared cloud-init blocks plus the PBX's own
// pieces: the pbx user and directories, the release checkout, config.yml, the systemd unit,
// fail2ban jails for SIP and HTTP, voice QoS, socket buffers, and the metrics the PBX exposes.
import * as YAML from "yaml";
import {
    CloudConfigDocument,
    awsCli,
    baselineHardening,
    cloudwatchAgent,
    dataVolumes,
    dscpMarking,
    fail2ban,
    hostFirewall,
    logRotation,
    mergeCloudInit,
    reverseProxy,
    secretsEnvFile,
    securityUpdates,
    sysctl,
    systemdUnit,
    timeSync,
} from "../components/compute/cloud-init";

export const PBX_HOME = "/opt/pbx";
export const VOICEMAIL_DIR = "/var/lib/pbx/voicemail";
export const RECORDINGS_DIR = "/var/lib/pbx/recordings";
export const LOG_GROUPS = { app: "/warden-pbx/pbx", nginx: "/warden-pbx/nginx", auth: "/warden-pbx/auth" };
export const PBX_METRICS = ["ConcurrentCalls", "ActiveRegistrations", "CallSuccessRate", "AverageCallDuration", "CallQualityMOS", "ApiLatency", "DatabaseConnectionErrors", "DatabasePoolInUse", "FailedLogins"];

export interface PbxHostOptions {
    domain: string;
    portalName: string;
    region: string;
    timezone: string;
    /** Secrets Manager secret (dotenv) the PBX reads at boot. */
    envSecretName: string;
    rtpPorts: { from: number; to: number };
    sipSourceCidrs: string[];
    adminCidrs: string[];
    /** Where the load balancer reaches the reverse proxy from (the VPC block). */
    webSourceCidr: string;
    repository: string;
    release: string;
    voicemailDevice: string;
    recordingsDevice: string;
}

export const PBX_UNIT = `[Unit]
Description=Warden VoIP PBX
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
User=pbx
Group=pbx
WorkingDirectory=${PBX_HOME}
EnvironmentFile=${PBX_HOME}/.env
Environment=PBX_ENV=production
ExecStart=${PBX_HOME}/venv/bin/python ${PBX_HOME}/main.py
Restart=on-failure
RestartSec=5
TimeoutStopSec=30
KillSignal=SIGTERM
LogsDirectory=pbx
LogsDirectoryMode=0750
StateDirectory=pbx
StateDirectoryMode=0750
StandardOutput=journal
StandardError=journal

[Install]
WantedBy=multi-user.target
`;

/** The PBX's config.yml; credentials come from the .env the unit loads. */
export function pbxConfig(options: Pick<PbxHostOptions, "domain" | "rtpPorts">): Record<string, unknown> {
    return {
        server: { sip_host: "0.0.0.0", sip_port: 5060, rtp_port_range_start: options.rtpPorts.from, rtp_port_range_end: options.rtpPorts.to, server_name: "Warden PBX", external_domain: `sip.${options.domain}` },
        api: { host: "127.0.0.1", port: 8080, ssl: { enabled: false } },
        database: { type: "postgresql", host: "${DB_HOST}", port: "${DB_PORT}", name: "${DB_NAME}", user: "${DB_USER}", password: "${DB_PASSWORD}", pool_size: 20 },
        dialplan: { internal_pattern: "^1[0-9]{3}$", emergency_pattern: "^9?911$", outbound_pattern: "^9[0-9]{10}$", voicemail_pattern: "^\\*[0-9]{3,4}$" },
        codecs: { pcmu: { enabled: true, priority: 1 }, pcma: { enabled: true, priority: 2 }, g722: { enabled: true, priority: 3, bitrate: 64000 } },
        features: {
            call_recording: true,
            call_recording_announcements: { enabled: true },
            e911: { enabled: true },
            karis_law: { enabled: true },
            webrtc: { enabled: true, verbose_logging: false },
        },
        recording: { auto_record: false, storage_path: "recordings", format: "wav" },
        voicemail: { storage_path: "voicemail", max_message_duration: 180 },
        logging: { level: "INFO", file: "/var/log/pbx/pbx.log", console: false },
        monitoring: { prometheus: { enabled: true } },
        security: {
            require_authentication: true,
            fips_mode: true,
            enforce_fips: true,
            password: { min_length: 12, require_uppercase: true, require_lowercase: true, require_digit: true, require_special: true },
            rate_limit: { max_attempts: 5, window_seconds: 300, lockout_duration: 900 },
            audit: { enabled: true, log_to_database: true },
            enable_srtp: true,
            mfa: { enabled: true },
        },
        trunks: [{ name: "carrier", host: "${TRUNK_HOST}", port: 5061, transport: "tls", username: "${TRUNK_USERNAME}", password: "${TRUNK_PASSWORD}" }],
        stir_shaken: { enabled: true, certificate_path: "/etc/pbx/stir/cert.pem", private_key_path: "/etc/pbx/stir/key.pem" },
    };
}

function agentConfig(): Record<string, unknown> {
    return {
        agent: { metrics_collection_interval: 60 },
        metrics: {
            namespace: "CWAgent",
            append_dimensions: { InstanceId: "${aws:InstanceId}" },
            // Disk metrics carry path, device and fstype; alarms use the InstanceId + path roll-up.
            aggregation_dimensions: [["InstanceId", "path"], ["InstanceId"]],
            metrics_collected: {
                cpu: { measurement: ["cpu_usage_active", "cpu_usage_iowait"], totalcpu: true },
                mem: { measurement: ["mem_used_percent"] },
                disk: { measurement: ["used_percent"], resources: ["/", VOICEMAIL_DIR, RECORDINGS_DIR] },
                net: { measurement: ["bytes_sent", "bytes_recv"] },
                processes: { measurement: ["running", "blocked"] },
                procstat: [{ pattern: `${PBX_HOME}/main.py`, measurement: ["pid_count"] }],
            },
        },
        logs: {
            metrics_collected: {
                prometheus: {
                    prometheus_config_path: "/opt/aws/amazon-cloudwatch-agent/etc/prometheus.yaml",
                    emf_processor: { metric_namespace: "Warden/PBX", metric_declaration: [{ source_labels: ["job"], label_matcher: "^pbx$", dimensions: [[]], metric_selectors: [`^(${PBX_METRICS.join("|")})$`] }] },
                },
            },
            logs_collected: {
                files: {
                    collect_list: [
                        { file_path: "/var/log/pbx/*.log", log_group_name: LOG_GROUPS.app },
                        { file_path: "/var/log/nginx/*.log", log_group_name: LOG_GROUPS.nginx },
                        { file_path: "/var/log/auth.log", log_group_name: LOG_GROUPS.auth },
                    ],
                },
            },
        },
    };
}

export function pbxCloudConfig(options: PbxHostOptions): CloudConfigDocument {
    const rtp = `${options.rtpPorts.from}:${options.rtpPorts.to}`;
    const sources = options.sipSourceCidrs.includes("0.0.0.0/0") ? [undefined] : options.sipSourceCidrs;
    return mergeCloudInit(
        securityUpdates(),
        timeSync(options.timezone),
        baselineHardening({ hostname: `sip.${options.domain}` }),
        {
            packages: ["python3.12", "python3.12-venv", "make", "git", "espeak", "ffmpeg", "auditd"],
            users: ["default", { name: "pbx", system: true, shell: "/usr/sbin/nologin", lock_passwd: true, homedir: PBX_HOME, no_create_home: true }],
        },
        dataVolumes([
            { label: "voicemail", device: options.voicemailDevice, mountPoint: VOICEMAIL_DIR },
            { label: "recordings", device: options.recordingsDevice, mountPoint: RECORDINGS_DIR },
        ]),
        // Voice first: expedited forwarding for media, class selector 3 for signalling.
        dscpMarking([
            { protocol: "udp", sourcePorts: rtp, dscpClass: "EF" },
            { protocol: "udp", sourcePorts: "5060", dscpClass: "CS3" },
        ]),
        sysctl("60-voip", { "net.core.rmem_max": 16777216, "net.core.wmem_max": 16777216, "net.core.rmem_default": 4194304, "net.core.wmem_default": 4194304, "net.core.netdev_max_backlog": 5000 }),
        hostFirewall([
            ...sources.map((from) => ({ port: "5060", protocol: "udp" as const, from })),
            ...sources.map((from) => ({ port: rtp, protocol: "udp" as const, from })),
            { port: "80", protocol: "tcp", from: options.webSourceCidr },
            ...options.adminCidrs.map((from) => ({ port: "22", protocol: "tcp" as const, from })),
        ]),
        awsCli(),
        {
            writeFiles: [{ path: "/etc/pbx/config.yml", content: YAML.stringify(pbxConfig(options)), owner: "root:pbx", permissions: "0640", defer: true }],
            runcmd: [
                `git clone --branch ${options.release} --depth 1 ${options.repository} ${PBX_HOME}`,
                `ln -sf /etc/pbx/config.yml ${PBX_HOME}/config.yml`,
                `ln -sfn ${VOICEMAIL_DIR} ${PBX_HOME}/voicemail`,
                `ln -sfn ${RECORDINGS_DIR} ${PBX_HOME}/recordings`,
                `python3.12 -m venv ${PBX_HOME}/venv`,
                `cd ${PBX_HOME} && make install-prod`,
                `cd ${PBX_HOME} && ${PBX_HOME}/venv/bin/python scripts/generate_tts_prompts.py --sample-rate 8000`,
            ],
        },
        secretsEnvFile({ secretName: options.envSecretName, region: options.region, path: `${PBX_HOME}/.env`, owner: "pbx:pbx" }),
        {
            runcmd: [`chown -R pbx:pbx ${PBX_HOME}`, `chown -R pbx:pbx ${VOICEMAIL_DIR} ${RECORDINGS_DIR}`, `chmod 0750 ${VOICEMAIL_DIR} ${RECORDINGS_DIR} ${PBX_HOME}`, `chmod 600 ${PBX_HOME}/.env`],
        },
        systemdUnit("pbx.service", PBX_UNIT),
        systemdUnit("pbx-fips-health.service", `[Unit]\nDescription=Warden PBX FIPS health check\n\n[Service]\nType=oneshot\nUser=pbx\nWorkingDirectory=${PBX_HOME}\nExecStart=${PBX_HOME}/venv/bin/python scripts/check_fips_health.py\n`, { enable: false }),
        systemdUnit("pbx-fips-health.timer", "[Unit]\nDescription=Daily FIPS health check\n\n[Timer]\nOnCalendar=daily\nPersistent=true\n\n[Install]\nWantedBy=timers.target\n"),
        fail2ban(
            [
                { name: "sshd" },
                { name: "pbx-auth", filter: "pbx-auth", failregex: "^.*(Authentication failed|Failed login).* from <HOST>.*$", logpath: "/var/log/pbx/pbx.log", port: "5060,8080", protocol: "all", maxretry: 5, bantime: "1h" },
                { name: "nginx-limit-req", logpath: "/var/log/nginx/pbx.error.log", port: "http,https", maxretry: 10 },
            ],
            { file: "pbx" },
        ),
        logRotation("pbx", ["/var/log/pbx/*.log"], { days: 30 }),
        reverseProxy("pbx", { serverName: options.portalName, upstream: "127.0.0.1:8080" }),
        cloudwatchAgent(agentConfig(), [
            {
                path: "/opt/aws/amazon-cloudwatch-agent/etc/prometheus.yaml",
                content: 'global:\n  scrape_interval: 60s\nscrape_configs:\n  - job_name: pbx\n    static_configs:\n      - targets: ["127.0.0.1:8080"]\n    metrics_path: /metrics\n',
            },
        ]),
    );
}

// What the Warden PBX host does at boot, from the shared cloud-init blocks plus the PBX's own
// pieces: the pbx user and directories, the release checkout, config.yml, the systemd unit, the
// SIP-TLS certificate and trunk credentials from Secrets Manager, fail2ban jails for SIP and
// HTTP, voice QoS, socket buffers, the daily pg_dump, and the metrics the PBX exposes.
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
    postgresClient,
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
/**
 * What the PBX's /metrics exposes, published as Warden/PBX. FailedLogins is not among them: it
 * is counted from the PBX log by a metric filter (PBX_AUTH_FAILURES), which would otherwise count
 * the same failures twice.
 */
export const PBX_METRICS = ["ConcurrentCalls", "ActiveRegistrations", "CallSuccessRate", "AverageCallDuration", "CallQualityMOS", "ApiLatency", "DatabaseConnectionErrors", "DatabasePoolInUse"];
/** Published by the host itself (put-metric-data): days until the SIP-TLS certificate expires. */
export const SIP_CERT_METRIC = "SipCertificateDaysToExpiry";
/** What the PBX writes to its log on a failed login (SIP digest or portal): fail2ban and the FailedLogins metric filter both match it. */
export const PBX_AUTH_FAILURES = ["Authentication failed", "Failed login"];
/** sshd's failures with password login disabled (keys only). */
export const SSHD_FAILURES = ["Invalid user", "Failed publickey", "Connection closed by authenticating user"];
/** A CloudWatch Logs filter pattern matching any of the phrases. */
export function anyOfPattern(phrases: string[]): string {
    return phrases.map((phrase) => `?"${phrase}"`).join(" ");
}
export const SIP_TLS_PORT = 5061;
/** Where the host installs the SIP-TLS certificate, its key (pbx only, 0600) and the CA. */
export const SIP_TLS_FILES = { certificate: "/etc/pbx/tls/sip.crt", key: "/etc/pbx/tls/sip.key", ca: "/etc/pbx/tls/ca.crt" };
const PG_DUMP_SCRIPT = "/usr/local/sbin/pbx-pg_dump";
const TRUNK_ENV_SCRIPT = "/usr/local/sbin/pbx-trunk-env";
const STIR_SHAKEN_SCRIPT = "/usr/local/sbin/pbx-stir-shaken";
/** Where the PBX reads its STI certificate and key (config.yml stir_shaken). */
export const STIR_SHAKEN_FILES = { certificate: "/etc/pbx/stir/cert.pem", key: "/etc/pbx/stir/key.pem" };
const SIP_TLS_SCRIPT = "/usr/local/sbin/pbx-sip-tls";

export interface PbxHostOptions {
    domain: string;
    portalName: string;
    region: string;
    timezone: string;
    /** Secrets Manager secret (dotenv) the PBX reads at boot. */
    envSecretName: string;
    /** Secrets Manager secret (JSON certificate, privateKey, caCertificate) of the SIP-TLS listener. Default warden-pbx/sip-tls. */
    sipTlsSecretName?: string;
    /** Operator-filled secret (dotenv TRUNK_HOST, TRUNK_USERNAME, TRUNK_PASSWORD), added to the .env at boot. Default warden-pbx/sip-trunk. */
    trunkSecretName?: string;
    /** Operator-filled secret (JSON certificate, privateKey) of the STI certificate for STIR/SHAKEN, installed at every PBX start. Default warden-pbx/stir-shaken. */
    stirShakenSecretName?: string;
    rtpPorts: { from: number; to: number };
    sipSourceCidrs: string[];
    adminCidrs: string[];
    /** Where the load balancer reaches the reverse proxy from (the VPC block). */
    webSourceCidr: string;
    repository: string;
    release: string;
    /** Major version of the PBX's PostgreSQL server, whose pg_dump the host installs. */
    postgresMajor: string;
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
# The trunk's credentials into the .env at every start, as root; the PBX starts without them if unset.
ExecStartPre=-+${TRUNK_ENV_SCRIPT}
# The STI certificate and key for STIR/SHAKEN, once operators have stored them; as root.
ExecStartPre=-+${STIR_SHAKEN_SCRIPT}
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
        server: {
            sip_host: "0.0.0.0",
            sip_port: 5060,
            sip_tls_port: SIP_TLS_PORT,
            rtp_port_range_start: options.rtpPorts.from,
            rtp_port_range_end: options.rtpPorts.to,
            server_name: "Warden PBX",
            external_domain: `sip.${options.domain}`,
        },
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
            // SIP over TLS on 5061: the files pbx-sip-tls installs from Secrets Manager.
            enable_tls: true,
            tls_cert_file: SIP_TLS_FILES.certificate,
            tls_key_file: SIP_TLS_FILES.key,
            tls_ca_file: SIP_TLS_FILES.ca,
            tls_min_version: "TLSv1.2",
        },
        trunks: [{ name: "carrier", host: "${TRUNK_HOST}", port: 5061, transport: "tls", username: "${TRUNK_USERNAME}", password: "${TRUNK_PASSWORD}" }],
        stir_shaken: { enabled: true, certificate_path: STIR_SHAKEN_FILES.certificate, private_key_path: STIR_SHAKEN_FILES.key },
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

/** Shell lines fetching a JSON secret into "$staging/secret.json", in a private directory removed on exit. */
function stageSecret(secretName: string, region: string, indent = ""): string {
    return [
        "umask 077",
        "staging=$(mktemp -d)",
        `trap 'rm -rf "$staging"' EXIT`,
        `aws secretsmanager get-secret-value --region ${region} --secret-id ${secretName} --query SecretString --output text > "$staging/secret.json"`,
    ]
        .map((line) => `${indent}${line}`)
        .join("\n");
}

/**
 * Installs the SIP-TLS certificate and key from Secrets Manager, at boot and daily (a certificate
 * `pulumi up` re-issued reaches the host within a day), restarts the PBX when they changed, and
 * publishes the days left before the certificate expires (alarmed at 30); `--expiry-only`
 * publishes only, hourly, so that every day-long alarm period has data.
 */
function sipTlsScript(secretName: string, region: string): string {
    const dir = SIP_TLS_FILES.certificate.slice(0, SIP_TLS_FILES.certificate.lastIndexOf("/"));
    return `#!/bin/sh
# SIP-TLS certificate and key from Secrets Manager ${secretName}; the key never travels in user data.
set -eu
if [ "$#" -eq 0 ]; then
${stageSecret(secretName, region, "    ")}
    jq -er .certificate "$staging/secret.json" > "$staging/sip.crt"
    jq -er .caCertificate "$staging/secret.json" > "$staging/ca.crt"
    jq -er .privateKey "$staging/secret.json" > "$staging/sip.key"
    openssl x509 -in "$staging/sip.crt" -noout
    install -d -m 0750 -o root -g pbx ${dir}
    changed=no
    cmp -s "$staging/sip.crt" ${SIP_TLS_FILES.certificate} || changed=yes
    cmp -s "$staging/ca.crt" ${SIP_TLS_FILES.ca} || changed=yes
    cmp -s "$staging/sip.key" ${SIP_TLS_FILES.key} || changed=yes
    if [ "$changed" = yes ]; then
        install -m 0644 -o root -g pbx "$staging/sip.crt" ${SIP_TLS_FILES.certificate}
        install -m 0644 -o root -g pbx "$staging/ca.crt" ${SIP_TLS_FILES.ca}
        install -m 0600 -o pbx -g pbx "$staging/sip.key" ${SIP_TLS_FILES.key}
        systemctl try-restart pbx.service
    fi
fi
expires=$(date -d "$(openssl x509 -in ${SIP_TLS_FILES.certificate} -noout -enddate | cut -d= -f2)" +%s)
days=$(( (expires - $(date +%s)) / 86400 ))
aws cloudwatch put-metric-data --region ${region} --namespace Warden/PBX --metric-name ${SIP_CERT_METRIC} --unit Count --value "$days"
`;
}

/** Replaces the .env's TRUNK_ lines with the operators' trunk secret (kept as they were when it cannot be read). */
function trunkEnvScript(secretName: string, region: string, env: string): string {
    return `#!/bin/sh
# SIP trunk credentials from Secrets Manager ${secretName} (filled by operators): restart pbx.service after changing it.
set -eu
umask 077
trunk=$(aws secretsmanager get-secret-value --region ${region} --secret-id ${secretName} --query SecretString --output text | grep -E '^TRUNK_[A-Z0-9_]+=')
{ grep -Ev '^TRUNK_' ${env} || true; printf '%s\\n' "$trunk"; } > ${env}.new
chown pbx:pbx ${env}.new
chmod 600 ${env}.new
mv ${env}.new ${env}
`;
}

/** Installs the STI certificate and key operators keep in Secrets Manager (nothing until they do). */
function stirShakenScript(secretName: string, region: string): string {
    const dir = STIR_SHAKEN_FILES.certificate.slice(0, STIR_SHAKEN_FILES.certificate.lastIndexOf("/"));
    return `#!/bin/sh
# STI certificate and key for STIR/SHAKEN from Secrets Manager ${secretName} (JSON certificate, privateKey; set by operators).
set -eu
${stageSecret(secretName, region)}
jq -er .certificate "$staging/secret.json" > "$staging/cert.pem"
jq -er .privateKey "$staging/secret.json" > "$staging/key.pem"
openssl x509 -in "$staging/cert.pem" -noout
install -d -m 0750 -o root -g pbx ${dir}
install -m 0644 -o root -g pbx "$staging/cert.pem" ${STIR_SHAKEN_FILES.certificate}
install -m 0600 -o pbx -g pbx "$staging/key.pem" ${STIR_SHAKEN_FILES.key}
`;
}

/** The daily logical dump, as the pbx user with the .env's database credentials (the unit loads them). */
function pgDumpScript(region: string): string {
    return `#!/bin/sh
# pg_dump of the PBX database through RDS Proxy, compressed, to s3://$DUMP_BUCKET/dumps/, where
# the bucket's default KMS key encrypts it (no --sse here: it would pick the AWS-managed key).
set -eu
dump=$(mktemp --suffix=.dump)
trap 'rm -f "$dump"' EXIT
PGPASSWORD="$DB_PASSWORD" PGSSLMODE="$DB_SSLMODE" pg_dump --host="$DB_HOST" --port="$DB_PORT" --username="$DB_USER" --dbname="$DB_NAME" --no-password --format=custom --compress=9 --file="$dump"
aws s3 cp --region ${region} --only-show-errors "$dump" "s3://$DUMP_BUCKET/dumps/$DB_NAME-$(date -u +%Y%m%dT%H%M%SZ).dump"
`;
}

export function pbxCloudConfig(options: PbxHostOptions): CloudConfigDocument {
    const rtp = `${options.rtpPorts.from}:${options.rtpPorts.to}`;
    const sources = options.sipSourceCidrs.includes("0.0.0.0/0") ? [undefined] : options.sipSourceCidrs;
    const env = `${PBX_HOME}/.env`;
    const sipTlsSecret = options.sipTlsSecretName ?? "warden-pbx/sip-tls";
    const trunkSecret = options.trunkSecretName ?? "warden-pbx/sip-trunk";
    const stirShakenSecret = options.stirShakenSecretName ?? "warden-pbx/stir-shaken";
    return mergeCloudInit(
        securityUpdates(),
        timeSync(options.timezone),
        baselineHardening({ hostname: `sip.${options.domain}` }),
        {
            packages: ["python3.12", "python3.12-venv", "make", "git", "espeak", "ffmpeg", "auditd", "jq"],
            users: ["default", { name: "pbx", system: true, shell: "/usr/sbin/nologin", lock_passwd: true, homedir: PBX_HOME, no_create_home: true }],
        },
        postgresClient(options.postgresMajor),
        dataVolumes([
            { label: "voicemail", device: options.voicemailDevice, mountPoint: VOICEMAIL_DIR },
            { label: "recordings", device: options.recordingsDevice, mountPoint: RECORDINGS_DIR },
        ]),
        // Voice first: expedited forwarding for media, class selector 3 for signalling.
        dscpMarking([
            { protocol: "udp", sourcePorts: rtp, dscpClass: "EF" },
            { protocol: "udp", sourcePorts: "5060", dscpClass: "CS3" },
            { protocol: "tcp", sourcePorts: String(SIP_TLS_PORT), dscpClass: "CS3" },
        ]),
        sysctl("60-voip", { "net.core.rmem_max": 16777216, "net.core.wmem_max": 16777216, "net.core.rmem_default": 4194304, "net.core.wmem_default": 4194304, "net.core.netdev_max_backlog": 5000 }),
        hostFirewall([
            ...sources.map((from) => ({ port: "5060", protocol: "udp" as const, from })),
            ...sources.map((from) => ({ port: String(SIP_TLS_PORT), protocol: "tcp" as const, from })),
            ...sources.map((from) => ({ port: rtp, protocol: "udp" as const, from })),
            // The load balancer reaches nginx over TLS.
            { port: "443", protocol: "tcp", from: options.webSourceCidr },
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
        secretsEnvFile({ secretName: options.envSecretName, region: options.region, path: env, owner: "pbx:pbx" }),
        {
            runcmd: [
                `chown -R pbx:pbx ${PBX_HOME}`,
                `chown -R pbx:pbx ${VOICEMAIL_DIR} ${RECORDINGS_DIR}`,
                `chmod 0750 ${VOICEMAIL_DIR} ${RECORDINGS_DIR} ${PBX_HOME}`,
                `chmod 600 ${env}`,
                // The SIP-TLS files exist before the PBX starts.
                SIP_TLS_SCRIPT,
            ],
            writeFiles: [
                { path: SIP_TLS_SCRIPT, content: sipTlsScript(sipTlsSecret, options.region), permissions: "0750" },
                { path: TRUNK_ENV_SCRIPT, content: trunkEnvScript(trunkSecret, options.region, env), permissions: "0750" },
                { path: STIR_SHAKEN_SCRIPT, content: stirShakenScript(stirShakenSecret, options.region), permissions: "0750" },
                { path: PG_DUMP_SCRIPT, content: pgDumpScript(options.region), permissions: "0755" },
            ],
        },
        systemdUnit("pbx.service", PBX_UNIT),
        systemdUnit("pbx-fips-health.service", `[Unit]\nDescription=Warden PBX FIPS health check\n\n[Service]\nType=oneshot\nUser=pbx\nWorkingDirectory=${PBX_HOME}\nExecStart=${PBX_HOME}/venv/bin/python scripts/check_fips_health.py\n`, { enable: false }),
        systemdUnit("pbx-fips-health.timer", "[Unit]\nDescription=Daily FIPS health check\n\n[Timer]\nOnCalendar=daily\nPersistent=true\n\n[Install]\nWantedBy=timers.target\n"),
        // The certificate daily in a quiet hour (a change restarts the PBX); its expiry hourly.
        systemdUnit("pbx-sip-tls.service", `[Unit]\nDescription=Refresh the PBX's SIP-TLS certificate from Secrets Manager\nAfter=network-online.target\nWants=network-online.target\n\n[Service]\nType=oneshot\nExecStart=${SIP_TLS_SCRIPT}\n`, { enable: false }),
        systemdUnit("pbx-sip-tls.timer", "[Unit]\nDescription=Daily refresh of the SIP-TLS certificate\n\n[Timer]\nOnCalendar=*-*-* 03:00:00 UTC\nPersistent=true\n\n[Install]\nWantedBy=timers.target\n"),
        systemdUnit("pbx-sip-tls-expiry.service", `[Unit]\nDescription=Publish the days before the SIP-TLS certificate expires\nAfter=network-online.target\nWants=network-online.target\n\n[Service]\nType=oneshot\nExecStart=${SIP_TLS_SCRIPT} --expiry-only\n`, { enable: false }),
        systemdUnit("pbx-sip-tls-expiry.timer", "[Unit]\nDescription=Hourly SIP-TLS certificate expiry metric\n\n[Timer]\nOnCalendar=hourly\nPersistent=true\n\n[Install]\nWantedBy=timers.target\n"),
        systemdUnit(
            "pbx-pg_dump.service",
            `[Unit]\nDescription=Daily pg_dump of the PBX database to S3\nAfter=network-online.target\nWants=network-online.target\n\n[Service]\nType=oneshot\nUser=pbx\nGroup=pbx\nEnvironmentFile=${env}\nPrivateTmp=true\nExecStart=${PG_DUMP_SCRIPT}\n`,
            { enable: false },
        ),
        systemdUnit("pbx-pg_dump.timer", "[Unit]\nDescription=Daily database dump at 02:00 UTC\n\n[Timer]\nOnCalendar=*-*-* 02:00:00 UTC\nPersistent=true\n\n[Install]\nWantedBy=timers.target\n"),
        logRotation("pbx", ["/var/log/pbx/*.log"], { days: 30 }),
        reverseProxy("pbx", { serverName: options.portalName, upstream: "127.0.0.1:8080", trustedProxyCidrs: [options.webSourceCidr] }),
        // After nginx and the PBX, whose logs the jails read. iptables' multiport bans one protocol
        // per jail: SIP over UDP and SIP over TLS are two jails of the same filter.
        fail2ban(
            [
                { name: "sshd" },
                { name: "pbx-auth-udp", filter: "pbx-auth", failregex: `^.*(${PBX_AUTH_FAILURES.join("|")}).* from <HOST>.*$`, logpath: "/var/log/pbx/pbx.log", logOwner: "pbx:pbx", port: "5060", protocol: "udp", maxretry: 5, bantime: "1h" },
                { name: "pbx-auth-tcp", filter: "pbx-auth", logpath: "/var/log/pbx/pbx.log", logOwner: "pbx:pbx", port: String(SIP_TLS_PORT), protocol: "tcp", maxretry: 5, bantime: "1h" },
                // nginx logs the client (real_ip from the load balancer's X-Forwarded-For), never the balancer.
                { name: "nginx-limit-req", logpath: "/var/log/nginx/pbx.error.log", logOwner: "www-data:adm", port: "http,https", protocol: "tcp", maxretry: 10 },
            ],
            { file: "pbx" },
        ),
        {
            // Never ban the load balancer or the NAT gateways (the VPC), whatever a log line says.
            writeFiles: [{ path: "/etc/fail2ban/jail.d/pbx-ignoreip.local", content: `[DEFAULT]\nignoreip = 127.0.0.1/8 ::1 ${options.webSourceCidr}\n` }],
        },
        cloudwatchAgent(agentConfig(), [
            {
                path: "/opt/aws/amazon-cloudwatch-agent/etc/prometheus.yaml",
                content: 'global:\n  scrape_interval: 60s\nscrape_configs:\n  - job_name: pbx\n    static_configs:\n      - targets: ["127.0.0.1:8080"]\n    metrics_path: /metrics\n',
            },
        ]),
    );
}

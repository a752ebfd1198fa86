// cloud-init for the kit's Ubuntu hosts: small building blocks, each returning the part of a
// #cloud-config document it needs, merged and rendered with the yaml library (never by string
// concatenation). Blocks are general; what is specific to an application (its service, its
// config file, its firewall ports) comes in through their arguments.
import * as YAML from "yaml";

export interface WriteFile {
    path: string;
    content: string;
    permissions?: string;
    owner?: string;
    /** Write after packages are installed (cloud-init's `defer`), e.g. into a package's own directory. */
    defer?: boolean;
}

export type CloudUser = "default" | { name: string; [key: string]: unknown };

/** A part of a #cloud-config document. Lists are concatenated, settings must not conflict. */
export interface CloudInitPart {
    packages?: string[];
    bootcmd?: string[];
    runcmd?: string[];
    writeFiles?: WriteFile[];
    users?: CloudUser[];
    fsSetup?: Record<string, unknown>[];
    mounts?: string[][];
    settings?: Record<string, unknown>;
}

export interface CloudConfigDocument {
    [key: string]: unknown;
}

/** Merges parts in order; a setting two parts give different values is a programming error. */
export function mergeCloudInit(...parts: CloudInitPart[]): CloudConfigDocument {
    const settings: Record<string, unknown> = {};
    const lists = { packages: [] as string[], bootcmd: [] as string[], runcmd: [] as string[], users: [] as CloudUser[], fs_setup: [] as Record<string, unknown>[], mounts: [] as string[][] };
    const files = new Map<string, WriteFile>();
    for (const part of parts) {
        for (const [key, value] of Object.entries(part.settings ?? {})) {
            if (key in settings && JSON.stringify(settings[key]) !== JSON.stringify(value)) {
                throw new Error(`cloud-init setting ${key} is set twice with different values`);
            }
            settings[key] = value;
        }
        for (const name of part.packages ?? []) {
            if (!lists.packages.includes(name)) {
                lists.packages.push(name);
            }
        }
        lists.bootcmd.push(...(part.bootcmd ?? []));
        lists.runcmd.push(...(part.runcmd ?? []));
        lists.users.push(...(part.users ?? []));
        lists.fs_setup.push(...(part.fsSetup ?? []));
        lists.mounts.push(...(part.mounts ?? []));
        for (const file of part.writeFiles ?? []) {
            if (files.has(file.path)) {
                throw new Error(`cloud-init writes ${file.path} twice`);
            }
            files.set(file.path, file);
        }
    }
    const document: CloudConfigDocument = { ...settings };
    for (const [key, value] of Object.entries(lists)) {
        if (value.length > 0) {
            document[key] = value;
        }
    }
    if (files.size > 0) {
        document.write_files = [...files.values()].map((file) => ({
            path: file.path,
            content: file.content,
            ...(file.owner ? { owner: file.owner } : {}),
            permissions: file.permissions ?? "0644",
            ...(file.defer ? { defer: true } : {}),
        }));
    }
    return document;
}

export function renderCloudConfig(document: CloudConfigDocument): string {
    return `#cloud-config\n${YAML.stringify(document, { lineWidth: 0 })}`;
}

// --- building blocks -------------------------------------------------------------------------

/** Security updates at boot and every day after, with unattended reboots in a quiet hour. */
export function securityUpdates(options: { rebootTime?: string } = {}): CloudInitPart {
    return {
        settings: { package_update: true, package_upgrade: true },
        packages: ["unattended-upgrades"],
        writeFiles: [
            { path: "/etc/apt/apt.conf.d/20auto-upgrades", content: 'APT::Periodic::Update-Package-Lists "1";\nAPT::Periodic::Unattended-Upgrade "1";\n' },
            {
                path: "/etc/apt/apt.conf.d/50unattended-upgrades",
                content:
                    'Unattended-Upgrade::Allowed-Origins {\n    "${distro_id}:${distro_codename}-security";\n    "${distro_id}ESMApps:${distro_codename}-apps-security";\n};\n' +
                    `Unattended-Upgrade::Automatic-Reboot "true";\nUnattended-Upgrade::Automatic-Reboot-Time "${options.rebootTime ?? "04:30"}";\n`,
            },
        ],
    };
}

/** Timezone and chrony against the Amazon Time Sync Service. */
export function timeSync(timezone: string): CloudInitPart {
    return { settings: { timezone, ntp: { enabled: true, ntp_client: "chrony", servers: ["169.254.169.123"] } }, packages: ["chrony"] };
}

/** SSH with keys only, no root login; services a server does not need, off. */
export function baselineHardening(options: { disableServices?: string[]; maskServices?: string[]; hostname?: string } = {}): CloudInitPart {
    const disable = options.disableServices ?? ["snapd.service", "snapd.socket"];
    const mask = options.maskServices ?? ["ModemManager.service"];
    return {
        settings: { ssh_pwauth: false, disable_root: true, ...(options.hostname ? { hostname: options.hostname, fqdn: options.hostname, prefer_fqdn_over_hostname: true } : {}) },
        writeFiles: [{ path: "/etc/ssh/sshd_config.d/60-hardening.conf", content: "PasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitRootLogin no\n" }],
        runcmd: [...(disable.length > 0 ? [`systemctl disable --now ${disable.join(" ")}`] : []), ...(mask.length > 0 ? [`systemctl mask ${mask.join(" ")}`] : [])],
    };
}

export interface FirewallRule {
    /** "5060", "10000:20000" */
    port: string;
    protocol: "tcp" | "udp";
    /** Source CIDR; everywhere when absent. */
    from?: string;
}

/** UFW: deny incoming by default, allow exactly the given rules. */
export function hostFirewall(rules: FirewallRule[]): CloudInitPart {
    return {
        packages: ["ufw"],
        runcmd: [
            "ufw default deny incoming",
            "ufw default allow outgoing",
            ...rules.map((rule) => (rule.from ? `ufw allow proto ${rule.protocol} from ${rule.from} to any port ${rule.port}` : `ufw allow ${rule.port}/${rule.protocol}`)),
            "ufw --force enable",
        ],
    };
}

export interface Fail2banJail {
    name: string;
    /** Filter name; a filter definition is written when `failregex` is given. */
    filter?: string;
    failregex?: string;
    logpath?: string;
    port?: string;
    protocol?: string;
    maxretry?: number;
    bantime?: string;
    /**
     * Owner (user:group) of `logpath`, which boot creates (mode 0640) when it does not exist yet.
     * Default: the owner of its directory.
     */
    logOwner?: string;
}

/** Literal files a jail reads (globs and fail2ban's %(...)s references are left alone). */
function jailLogFiles(jail: Fail2banJail): string[] {
    return (jail.logpath ?? "").split(/\s+/).filter((path) => path.startsWith("/") && !/[*?[%]/.test(path));
}

/**
 * fail2ban refuses to start when a jail's log file is missing, losing every jail (sshd too), so
 * boot creates each one first; nginx and the application then append to it. Put this part after
 * the parts that start nginx and the application: its restart then picks up their logs.
 */
export function fail2ban(jails: Fail2banJail[], options: { file?: string } = {}): CloudInitPart {
    const sections = jails.map((jail) =>
        [
            `[${jail.name}]`,
            "enabled = true",
            ...(jail.filter ? [`filter = ${jail.filter}`] : []),
            ...(jail.logpath ? [`logpath = ${jail.logpath}`] : []),
            ...(jail.port ? [`port = ${jail.port}`] : []),
            ...(jail.protocol ? [`protocol = ${jail.protocol}`] : []),
            ...(jail.maxretry ? [`maxretry = ${jail.maxretry}`] : []),
            ...(jail.bantime ? [`bantime = ${jail.bantime}`] : []),
        ].join("\n"),
    );
    const filters = jails
        .filter((jail) => jail.failregex && jail.filter)
        .map((jail) => ({ path: `/etc/fail2ban/filter.d/${jail.filter}.conf`, content: `[Definition]\nfailregex = ${jail.failregex}\nignoreregex =\n` }));
    // Each log file once (jails may share one), with the owner the first jail naming it gives.
    const logs = new Map<string, string | undefined>();
    for (const jail of jails) {
        for (const path of jailLogFiles(jail).filter((file) => !logs.has(file))) {
            logs.set(path, jail.logOwner);
        }
    }
    return {
        packages: ["fail2ban"],
        writeFiles: [{ path: `/etc/fail2ban/jail.d/${options.file ?? "kit"}.local`, content: `[DEFAULT]\nbantime = 1h\nfindtime = 10m\nmaxretry = 5\n\n${sections.join("\n\n")}\n` }, ...filters],
        runcmd: [
            ...[...logs.entries()].flatMap(([path, owner]) => {
                const directory = path.slice(0, path.lastIndexOf("/")) || "/";
                return [`mkdir -p ${directory}`, `touch ${path}`, owner ? `chown ${owner} ${path}` : `chown --reference=${directory} ${path}`, `chmod 0640 ${path}`];
            }),
            "systemctl enable fail2ban",
            "systemctl restart fail2ban",
        ],
    };
}

export function logRotation(name: string, paths: string[], options: { days?: number; maxSize?: string } = {}): CloudInitPart {
    return {
        writeFiles: [
            {
                path: `/etc/logrotate.d/${name}`,
                content: `${paths.join(" ")} {\n    daily\n    rotate ${options.days ?? 30}\n    maxsize ${options.maxSize ?? "500M"}\n    compress\n    delaycompress\n    missingok\n    notifempty\n    copytruncate\n}\n`,
            },
        ],
    };
}

/** AWS CLI v2 (Ubuntu 24.04 ships no awscli package and the hosts run without snapd). */
export function awsCli(): CloudInitPart {
    return {
        packages: ["unzip", "curl"],
        runcmd: ["curl -fsSL https://awscli.amazonaws.com/awscli-exe-linux-x86_64.zip -o /tmp/awscliv2.zip", "unzip -q -o /tmp/awscliv2.zip -d /tmp", "/tmp/aws/install --update"],
    };
}

/**
 * An environment file filled at boot from a Secrets Manager secret, by name (known before the
 * secret exists, so the user data carries no ARN and no secret value).
 */
export function secretsEnvFile(options: { secretName: string; region: string; path: string; owner: string; mode?: string }): CloudInitPart {
    return {
        runcmd: [
            // umask 077 in a subshell: the file is created 0600, never readable by others, and the
            // umask does not leak into the rest of the runcmd script.
            `(umask 077 && aws secretsmanager get-secret-value --region ${options.region} --secret-id ${options.secretName} --query SecretString --output text > ${options.path})`,
            `chown ${options.owner} ${options.path}`,
            `chmod ${options.mode ?? "600"} ${options.path}`,
        ],
    };
}

/** The CloudWatch agent (memory, disk, process metrics; log files), from Amazon's package. */
export function cloudwatchAgent(config: Record<string, unknown>, extraFiles: WriteFile[] = []): CloudInitPart {
    const path = "/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json";
    return {
        writeFiles: [{ path, content: `${JSON.stringify(config, null, 2)}\n` }, ...extraFiles],
        runcmd: [
            "curl -fsSL https://amazoncloudwatch-agent.s3.amazonaws.com/ubuntu/amd64/latest/amazon-cloudwatch-agent.deb -o /tmp/amazon-cloudwatch-agent.deb",
            "dpkg -i -E /tmp/amazon-cloudwatch-agent.deb",
            `/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:${path}`,
        ],
    };
}

export function systemdUnit(name: string, unit: string, options: { enable?: boolean } = {}): CloudInitPart {
    return {
        writeFiles: [{ path: `/etc/systemd/system/${name}`, content: unit }],
        runcmd: ["systemctl daemon-reload", ...(options.enable === false ? [] : [`systemctl enable --now ${name}`])],
    };
}

export interface DataVolumeMount {
    /** Filesystem label, also the volume's purpose. */
    label: string;
    /** Device name the volume is attached at, e.g. /dev/sdf. */
    device: string;
    mountPoint: string;
}

/**
 * Filesystems on the data volumes, mounted by label. On Nitro instances EBS volumes appear as
 * NVMe devices; the boot command links each to the device name it was attached at (stored by
 * EBS in the controller's vendor area), and `prepare-data-volumes` waits for volumes attached
 * after first boot.
 */
export function dataVolumes(volumes: DataVolumeMount[]): CloudInitPart {
    const link =
        "for dev in /dev/nvme[0-9]*n1; do [ -e \"$dev\" ] || continue; name=$(nvme id-ctrl --raw-binary \"$dev\" 2>/dev/null | cut -c3073-3104 | tr -d ' \\0'); " +
        "[ -n \"$name\" ] && ln -sf \"$dev\" \"/dev/${name#/dev/}\"; done";
    const prepare = volumes
        .map(
            (volume) =>
                `for i in $(seq 1 120); do [ -e ${volume.device} ] && break; sleep 5; done\n` +
                `blkid ${volume.device} >/dev/null 2>&1 || mkfs.ext4 -L ${volume.label} ${volume.device}\n` +
                `mkdir -p ${volume.mountPoint}`,
        )
        .join("\n");
    return {
        packages: ["nvme-cli"],
        bootcmd: [link],
        fsSetup: volumes.map((volume) => ({ label: volume.label, filesystem: "ext4", device: volume.device })),
        mounts: volumes.map((volume) => [`LABEL=${volume.label}`, volume.mountPoint, "ext4", "defaults,nofail,x-systemd.device-timeout=600", "0", "2"]),
        writeFiles: [{ path: "/usr/local/sbin/prepare-data-volumes", permissions: "0750", content: `#!/bin/sh\n# Volumes attached after first boot: wait, create the filesystem once, mount.\n${link}\n${prepare}\nmount -a\n` }],
        runcmd: ["/usr/local/sbin/prepare-data-volumes"],
    };
}

export function sysctl(name: string, settings: Record<string, string | number>): CloudInitPart {
    return {
        writeFiles: [{ path: `/etc/sysctl.d/${name}.conf`, content: `${Object.entries(settings).map(([key, value]) => `${key} = ${value}`).join("\n")}\n` }],
        runcmd: ["sysctl --system"],
    };
}

/** Marks voice traffic for QoS at every boot (iptables rules do not survive a reboot). */
export function dscpMarking(rules: { protocol: "udp" | "tcp"; sourcePorts: string; dscpClass: string }[]): CloudInitPart {
    return {
        bootcmd: rules.map((rule) => {
            const spec = `OUTPUT -p ${rule.protocol} --sport ${rule.sourcePorts} -j DSCP --set-dscp-class ${rule.dscpClass}`;
            return `iptables -t mangle -C ${spec} || iptables -t mangle -A ${spec}`;
        }),
    };
}

export interface ReverseProxyOptions {
    serverName: string;
    /** Where the application listens: host:port on this host (plain HTTP), or, with `upstreamTls`, the TLS endpoint that serves it. */
    upstream: string;
    /**
     * The upstream is not on this host: nginx reaches it over TLS (`proxy_pass https://`) and
     * verifies its certificate for `serverName` (sent as SNI) against `trustedCertificate` (default
     * the system CAs, /etc/ssl/certs/ca-certificates.crt), with `protocols` only (default
     * ["TLSv1.2", "TLSv1.3"]). Default: none (plain HTTP to a local upstream).
     */
    upstreamTls?: { serverName: string; protocols?: string[]; trustedCertificate?: string };
    /** Port nginx serves TLS on for the load balancer. Default 443 (plain 80 only redirects). */
    listenPort?: number;
    /** ssl_protocols. Default ["TLSv1.2", "TLSv1.3"]; match the load balancer's policy (["TLSv1.3"] behind a TLS 1.3-only listener). */
    tlsProtocols?: string[];
    /**
     * Networks whose X-Forwarded-For nginx trusts for the client address (the load balancer's
     * subnets, e.g. the VPC block), so that rate limits, logs and fail2ban see clients, not the
     * load balancer. Default: none (the peer address counts; no header can spoof it).
     */
    trustedProxyCidrs?: string[];
    /** Path prefixes the application serves for the host only (metrics), refused from outside with 404. Default ["/metrics"]. */
    internalPaths?: string[];
    /** Largest request body (uploads), nginx size syntax. Default "1m" (nginx's own). */
    maxBodySize?: string;
    requestsPerSecond?: number;
    burst?: number;
    contentSecurityPolicy?: string;
}

/** ECDHE with AES-GCM or ChaCha20-Poly1305 only (TLS 1.2; TLS 1.3 suites are all AEAD). */
export const NGINX_CIPHERS = [
    "ECDHE-ECDSA-AES128-GCM-SHA256",
    "ECDHE-ECDSA-AES256-GCM-SHA384",
    "ECDHE-ECDSA-CHACHA20-POLY1305",
    "ECDHE-RSA-AES128-GCM-SHA256",
    "ECDHE-RSA-AES256-GCM-SHA384",
    "ECDHE-RSA-CHACHA20-POLY1305",
].join(":");

/** Where reverseProxy(name) keeps the key and certificate the host generates at first boot. */
export function proxyTlsFiles(name: string): { key: string; certificate: string } {
    return { key: `/etc/nginx/tls/${name}.key`, certificate: `/etc/nginx/tls/${name}.crt` };
}

/** nginx directives that send a location's requests to its upstream, over verified TLS when `tls` is given. */
function upstreamDirectives(upstream: string, tls: ReverseProxyOptions["upstreamTls"]): string {
    if (!tls) {
        return `        proxy_pass http://${upstream};\n`;
    }
    // Depth 2: ACM chains may reach a trusted root through a cross-signed intermediate.
    return [
        `proxy_pass https://${upstream};`,
        "proxy_ssl_server_name on;",
        `proxy_ssl_name ${tls.serverName};`,
        "proxy_ssl_verify on;",
        "proxy_ssl_verify_depth 2;",
        `proxy_ssl_trusted_certificate ${tls.trustedCertificate ?? "/etc/ssl/certs/ca-certificates.crt"};`,
        `proxy_ssl_protocols ${(tls.protocols ?? ["TLSv1.2", "TLSv1.3"]).join(" ")};`,
    ]
        .map((line) => `        ${line}\n`)
        .join("");
}

/**
 * nginx in front of the application: WebSocket upgrade, rate limiting, security headers and
 * access logs. The load balancer terminates the public TLS (ACM certificate) and forwards over
 * TLS again, so requests never cross the VPC in plaintext: nginx serves `listenPort` with a
 * self-signed certificate the host generates at first boot (the key never travels in user data;
 * the load balancer does not validate target certificates). Plain port 80 only redirects. The
 * site is only reachable from the load balancer's security group. An upstream elsewhere
 * (`upstreamTls`) is reached over TLS and verified; boot waits until its name resolves, since
 * nginx resolves it once, when it loads the site.
 */
export function reverseProxy(name: string, options: ReverseProxyOptions): CloudInitPart {
    const tls = proxyTlsFiles(name);
    const upstreamHost = options.upstream.replace(/:\d+$/, "");
    const realIp = (options.trustedProxyCidrs ?? []).map((cidr) => `    set_real_ip_from ${cidr};\n`).join("");
    const internal = (options.internalPaths ?? ["/metrics"])
        // `return` ends the request before nginx's access phase: 404 for everyone, nothing to allow.
        .map((path) => `    location ${path} {\n        return 404;\n    }\n\n`)
        .join("");
    const site = `limit_req_zone $binary_remote_addr zone=${name}_api:10m rate=${options.requestsPerSecond ?? 10}r/s;

map $http_upgrade $connection_upgrade {
    default upgrade;
    '' close;
}

server {
    listen 80;
    server_name ${options.serverName};
    server_tokens off;
    return 301 https://$host$request_uri;
}

server {
    listen ${options.listenPort ?? 443} ssl;
    server_name ${options.serverName};
    server_tokens off;

    ssl_certificate ${tls.certificate};
    ssl_certificate_key ${tls.key};
    ssl_protocols ${(options.tlsProtocols ?? ["TLSv1.2", "TLSv1.3"]).join(" ")};
    ssl_ciphers ${NGINX_CIPHERS};
    ssl_prefer_server_ciphers off;
    ssl_session_cache shared:${name}_tls:10m;
    ssl_session_timeout 1d;
    ssl_session_tickets off;
${realIp ? `\n${realIp}    real_ip_header X-Forwarded-For;\n    real_ip_recursive on;\n` : ""}
    client_max_body_size ${options.maxBodySize ?? "1m"};

    access_log /var/log/nginx/${name}.access.log;
    error_log /var/log/nginx/${name}.error.log warn;

    add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;
    add_header Content-Security-Policy "${options.contentSecurityPolicy ?? "default-src 'self'"}" always;
    add_header X-Content-Type-Options nosniff always;
    add_header X-Frame-Options DENY always;
    add_header Referrer-Policy strict-origin-when-cross-origin always;

${internal}    location / {
        limit_req zone=${name}_api burst=${options.burst ?? 20} nodelay;
${upstreamDirectives(options.upstream, options.upstreamTls)}        proxy_http_version 1.1;
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection $connection_upgrade;
        proxy_set_header Host $host;
        proxy_set_header X-Real-IP $remote_addr;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto https;
        proxy_read_timeout 3600s;
    }
}
`;
    return {
        packages: ["nginx", "openssl"],
        writeFiles: [{ path: `/etc/nginx/conf.d/${name}.conf`, content: site, defer: true }],
        runcmd: [
            // A P-256 key made on the host (umask 077: never readable by others), before nginx reads it.
            "install -d -m 0700 /etc/nginx/tls",
            `(umask 077 && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 -subj /CN=${options.serverName} -addext subjectAltName=DNS:${options.serverName} -keyout ${tls.key} -out ${tls.certificate})`,
            `chmod 600 ${tls.key}`,
            "rm -f /etc/nginx/sites-enabled/default",
            // A load balancer's new name takes a few minutes to resolve; `nginx -t` fails until it does.
            ...(options.upstreamTls ? [`for i in $(seq 1 60); do getent hosts ${upstreamHost} >/dev/null && break; sleep 10; done`] : []),
            "nginx -t",
            "systemctl restart nginx",
        ],
    };
}

/**
 * Docker Engine and the Compose plugin from Docker's own repository (current releases, well above
 * 24.0 and 2.20), with json-file logs rotated at `maxSize` x `maxFiles`.
 */
export function docker(options: { maxSize?: string; maxFiles?: number; users?: string[] } = {}): CloudInitPart {
    const daemon = { "log-driver": "json-file", "log-opts": { "max-size": options.maxSize ?? "10m", "max-file": String(options.maxFiles ?? 3) }, "live-restore": true, "userland-proxy": false, "no-new-privileges": true };
    return {
        settings: { apt: { sources: { docker: { source: "deb [signed-by=$KEY_FILE] https://download.docker.com/linux/ubuntu $RELEASE stable", keyid: "9DC858229FC7DD38854AE2D88D81803C0EBFCD88" } } } },
        packages: ["docker-ce", "docker-ce-cli", "containerd.io", "docker-compose-plugin"],
        writeFiles: [{ path: "/etc/docker/daemon.json", content: `${JSON.stringify(daemon, null, 2)}\n` }],
        runcmd: ["systemctl enable --now docker", ...(options.users ?? []).map((user) => `usermod -aG docker ${user}`)],
    };
}

/**
 * The PostgreSQL client of the server's major version, from the PostgreSQL project's repository:
 * pg_dump refuses servers newer than itself, and Ubuntu ships one major version per release.
 */
export function postgresClient(major: string): CloudInitPart {
    return {
        settings: { apt: { sources: { pgdg: { source: "deb [signed-by=$KEY_FILE] https://apt.postgresql.org/pub/repos/apt $RELEASE-pgdg main", keyid: "B97B0AFCAA1A47F044F244A07FCC7D46ACCC4CF8" } } } },
        packages: [`postgresql-client-${major}`],
    };
}

/** Kernel audit logging with rules for identity, privilege, time and access changes. */
export function auditd(rulesName: string, rules: string): CloudInitPart {
    return {
        packages: ["auditd", "audispd-plugins"],
        writeFiles: [{ path: `/etc/audit/rules.d/${rulesName}.rules`, content: rules }],
        runcmd: ["systemctl enable --now auditd", "augenrules --load"],
    };
}

/** Audit rules a HIPAA review expects: identity, sudo, time, login records, module loading, privileged commands. */
export const HIPAA_AUDIT_RULES = `-D
-b 8192
-f 1
-w /etc/passwd -p wa -k identity
-w /etc/group -p wa -k identity
-w /etc/shadow -p wa -k identity
-w /etc/sudoers -p wa -k privilege
-w /etc/sudoers.d/ -p wa -k privilege
-w /var/log/auth.log -p wa -k logins
-w /etc/ssh/sshd_config -p wa -k sshd
-a always,exit -F arch=b64 -S adjtimex,settimeofday,clock_settime -k time-change
-a always,exit -F arch=b64 -S init_module,finit_module,delete_module -k modules
-a always,exit -F arch=b64 -S execve -F euid=0 -F auid>=1000 -F auid!=-1 -k privileged
-w /opt/voiceassist/.env -p rwa -k secrets
-e 2
`;

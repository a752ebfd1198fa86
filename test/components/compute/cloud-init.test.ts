import * as YAML from "yaml";
import { NGINX_CIPHERS, dataVolumes, dscpMarking, fail2ban, hostFirewall, mergeCloudInit, postgresClient, renderCloudConfig, reverseProxy, secretsEnvFile, securityUpdates, timeSync } from "../../../components/compute/cloud-init";
import { pbxCloudConfig } from "../../../stacks/warden-pbx-host";
import { childDirectives, listens, parseNginx, servers } from "../../../policies/lib/nginx";

describe("cloud-init blocks", () => {
    it("merge lists in order, de-duplicate packages and keep settings", () => {
        const document = mergeCloudInit(timeSync("UTC"), securityUpdates(), hostFirewall([{ port: "5060", protocol: "udp" }, { port: "22", protocol: "tcp", from: "192.0.2.0/24" }]));
        expect(document).toMatchObject({
            timezone: "UTC",
            ntp: { enabled: true, ntp_client: "chrony", servers: ["169.254.169.123"] },
            package_update: true,
            package_upgrade: true,
            packages: ["chrony", "unattended-upgrades", "ufw"],
            runcmd: ["ufw default deny incoming", "ufw default allow outgoing", "ufw allow 5060/udp", "ufw allow proto tcp from 192.0.2.0/24 to any port 22", "ufw --force enable"],
        });
    });

    it("refuse two parts that disagree on a setting or write the same file", () => {
        expect(() => mergeCloudInit(timeSync("UTC"), timeSync("Europe/Paris"))).toThrow("cloud-init setting timezone is set twice with different values");
        expect(() => mergeCloudInit(securityUpdates(), securityUpdates())).toThrow("cloud-init writes /etc/apt/apt.conf.d/20auto-upgrades twice");
    });

    it("render YAML that parses back to the document", () => {
        const document = mergeCloudInit(fail2ban([{ name: "sshd" }]), dscpMarking([{ protocol: "udp", sourcePorts: "10000:20000", dscpClass: "EF" }]));
        const text = renderCloudConfig(document);
        expect(text.startsWith("#cloud-config\n")).toBe(true);
        expect(YAML.parse(text)).toEqual(document);
    });

    it("fetch secrets by name into a file only its owner reads, created 0600 (umask 077 in a subshell, so it never leaks to later commands)", () => {
        expect(secretsEnvFile({ secretName: "app/env", region: "us-east-1", path: "/opt/app/.env", owner: "app:app" }).runcmd).toEqual([
            "(umask 077 && aws secretsmanager get-secret-value --region us-east-1 --secret-id app/env --query SecretString --output text > /opt/app/.env)",
            "chown app:app /opt/app/.env",
            "chmod 600 /opt/app/.env",
        ]);
    });

    it("create the log files jails read (each once) before (re)starting fail2ban, owned as given or like their directory", () => {
        const part = fail2ban([
            { name: "sshd" },
            { name: "app-auth", filter: "app-auth", failregex: "^Failed from <HOST>$", logpath: "/var/log/app/app.log" },
            { name: "app-auth-tcp", filter: "app-auth", logpath: "/var/log/app/app.log", logOwner: "app:app" },
            { name: "nginx-limit-req", logpath: "/var/log/nginx/app.error.log", logOwner: "www-data:adm" },
            { name: "globbed", logpath: "/var/log/other/*.log" },
        ]);
        expect(part.runcmd).toEqual([
            "mkdir -p /var/log/app",
            "touch /var/log/app/app.log",
            "chown --reference=/var/log/app /var/log/app/app.log",
            "chmod 0640 /var/log/app/app.log",
            "mkdir -p /var/log/nginx",
            "touch /var/log/nginx/app.error.log",
            "chown www-data:adm /var/log/nginx/app.error.log",
            "chmod 0640 /var/log/nginx/app.error.log",
            "systemctl enable fail2ban",
            "systemctl restart fail2ban",
        ]);
    });

    it("mount data volumes by label and wait for late attachments", () => {
        const part = dataVolumes([{ label: "voicemail", device: "/dev/sdf", mountPoint: "/var/lib/pbx/voicemail" }]);
        expect(part.fsSetup).toEqual([{ label: "voicemail", filesystem: "ext4", device: "/dev/sdf" }]);
        expect(part.mounts).toEqual([["LABEL=voicemail", "/var/lib/pbx/voicemail", "ext4", "defaults,nofail,x-systemd.device-timeout=600", "0", "2"]]);
        expect(part.runcmd).toEqual(["/usr/local/sbin/prepare-data-volumes"]);
    });
});

describe("reverseProxy", () => {
    const part = reverseProxy("app", { serverName: "app.example.com", upstream: "127.0.0.1:8000", tlsProtocols: ["TLSv1.3"], trustedProxyCidrs: ["10.30.0.0/16", "10.31.0.0/16"], internalPaths: ["/metrics", "/admin"], maxBodySize: "25m" });
    const site = part.writeFiles![0];

    it("serves TLS on 443 with the boot-generated certificate, trusts the load balancer's X-Forwarded-For, refuses internal paths and only redirects on 80", () => {
        expect(site.path).toBe("/etc/nginx/conf.d/app.conf");
        expect(site.defer).toBe(true);
        expect(site.content).toBe(`limit_req_zone $binary_remote_addr zone=app_api:10m rate=10r/s;

map $http_upgrade $connection_upgrade {
    default upgrade;
    '' close;
}

server {
    listen 80;
    server_name app.example.com;
    server_tokens off;
    return 301 https://$host$request_uri;
}

server {
    listen 443 ssl;
    server_name app.example.com;
    server_tokens off;

    ssl_certificate /etc/nginx/tls/app.crt;
    ssl_certificate_key /etc/nginx/tls/app.key;
    ssl_protocols TLSv1.3;
    ssl_ciphers ${NGINX_CIPHERS};
    ssl_prefer_server_ciphers off;
    ssl_session_cache shared:app_tls:10m;
    ssl_session_timeout 1d;
    ssl_session_tickets off;

    set_real_ip_from 10.30.0.0/16;
    set_real_ip_from 10.31.0.0/16;
    real_ip_header X-Forwarded-For;
    real_ip_recursive on;

    client_max_body_size 25m;

    access_log /var/log/nginx/app.access.log;
    error_log /var/log/nginx/app.error.log warn;

    add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;
    add_header Content-Security-Policy "default-src 'self'" always;
    add_header X-Content-Type-Options nosniff always;
    add_header X-Frame-Options DENY always;
    add_header Referrer-Policy strict-origin-when-cross-origin always;

    location /metrics {
        return 404;
    }

    location /admin {
        return 404;
    }

    location / {
        limit_req zone=app_api burst=20 nodelay;
        proxy_pass http://127.0.0.1:8000;
        proxy_http_version 1.1;
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection $connection_upgrade;
        proxy_set_header Host $host;
        proxy_set_header X-Real-IP $remote_addr;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto https;
        proxy_read_timeout 3600s;
    }
}
`);
        expect(NGINX_CIPHERS).toBe("ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305");
    });

    it("generates the key on the host (mode 600, never in user data) before nginx checks and loads the site", () => {
        expect(part.packages).toEqual(["nginx", "openssl"]);
        expect(part.runcmd).toEqual([
            "install -d -m 0700 /etc/nginx/tls",
            "(umask 077 && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 -subj /CN=app.example.com -addext subjectAltName=DNS:app.example.com -keyout /etc/nginx/tls/app.key -out /etc/nginx/tls/app.crt)",
            "chmod 600 /etc/nginx/tls/app.key",
            "rm -f /etc/nginx/sites-enabled/default",
            "nginx -t",
            "systemctl restart nginx",
        ]);
    });

    it("defaults: TLS 1.2 and 1.3 on 443, no trusted proxy (the peer address counts), /metrics refused, nginx's 1m body limit", () => {
        const config = parseNginx(reverseProxy("app", { serverName: "app.example.com", upstream: "127.0.0.1:8000" }).writeFiles![0].content);
        const [plain, tls] = servers(config);
        expect(listens(plain)).toEqual([{ port: 80, ssl: false, http2: false }]);
        expect(childDirectives(plain, "return").map((directive) => directive.args)).toEqual([["301", "https://$host$request_uri"]]);
        expect(childDirectives(plain, "location")).toEqual([]);
        expect(listens(tls)).toEqual([{ port: 443, ssl: true, http2: false }]);
        expect(childDirectives(tls, "ssl_protocols")[0].args).toEqual(["TLSv1.2", "TLSv1.3"]);
        expect(childDirectives(tls, "set_real_ip_from")).toEqual([]);
        expect(childDirectives(tls, "real_ip_header")).toEqual([]);
        expect(childDirectives(tls, "client_max_body_size")[0].args).toEqual(["1m"]);
        expect(childDirectives(tls, "location").map((location) => [location.args, (location.children ?? []).map((child) => [child.name, ...child.args])])).toEqual([
            [["/metrics"], [["return", "404"]]],
            [["/"], expect.arrayContaining([["proxy_pass", "http://127.0.0.1:8000"]])],
        ]);
        expect(JSON.stringify(config)).not.toContain("proxy_ssl");
    });

    describe("to a TLS upstream elsewhere (upstreamTls)", () => {
        const upstream = "internal-api-0123456789abcdef.elb.us-east-1.amazonaws.com";
        const proxied = (upstreamTls: { serverName: string; protocols?: string[]; trustedCertificate?: string }) => {
            const tlsPart = reverseProxy("app", { serverName: "app.example.com", upstream, upstreamTls });
            const [, tls] = servers(parseNginx(tlsPart.writeFiles![0].content));
            const root = childDirectives(tls, "location").find((location) => location.args[0] === "/")!;
            return { part: tlsPart, directives: (root.children ?? []).map((child) => [child.name, ...child.args].join(" ")) };
        };

        it("passes over TLS, sends the name as SNI and verifies the certificate for it with the given CAs and protocols, keeping WebSockets and the rate limit", () => {
            expect(proxied({ serverName: "api.example.com", protocols: ["TLSv1.3"], trustedCertificate: "/etc/ssl/private-ca.pem" }).directives).toEqual([
                "limit_req zone=app_api burst=20 nodelay",
                `proxy_pass https://${upstream}`,
                "proxy_ssl_server_name on",
                "proxy_ssl_name api.example.com",
                "proxy_ssl_verify on",
                "proxy_ssl_verify_depth 2",
                "proxy_ssl_trusted_certificate /etc/ssl/private-ca.pem",
                "proxy_ssl_protocols TLSv1.3",
                "proxy_http_version 1.1",
                "proxy_set_header Upgrade $http_upgrade",
                "proxy_set_header Connection $connection_upgrade",
                "proxy_set_header Host $host",
                "proxy_set_header X-Real-IP $remote_addr",
                "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for",
                "proxy_set_header X-Forwarded-Proto https",
                "proxy_read_timeout 3600s",
            ]);
        });

        it("defaults to the system CAs and TLS 1.2 + 1.3, and waits for the upstream's name to resolve before nginx loads the site", () => {
            const { part: tlsPart, directives } = proxied({ serverName: "api.example.com" });
            expect(directives).toEqual(expect.arrayContaining(["proxy_ssl_trusted_certificate /etc/ssl/certs/ca-certificates.crt", "proxy_ssl_protocols TLSv1.2 TLSv1.3"]));
            expect(tlsPart.runcmd!.slice(-4)).toEqual([
                "rm -f /etc/nginx/sites-enabled/default",
                `for i in $(seq 1 60); do getent hosts ${upstream} >/dev/null && break; sleep 10; done`,
                "nginx -t",
                "systemctl restart nginx",
            ]);
            // A port in the upstream is not part of the name looked up.
            expect(reverseProxy("app", { serverName: "app.example.com", upstream: `${upstream}:8443`, upstreamTls: { serverName: "api.example.com" } }).runcmd).toContain(`for i in $(seq 1 60); do getent hosts ${upstream} >/dev/null && break; sleep 10; done`);
        });
    });
});

describe("the PBX host's cloud-config", () => {
    const options = {
        domain: "example.com",
        portalName: "pbx.example.com",
        region: "us-east-1",
        timezone: "UTC",
        envSecretName: "warden-pbx/app-env",
        rtpPorts: { from: 10000, to: 20000 },
        sipSourceCidrs: ["198.51.100.0/24"],
        adminCidrs: [],
        webSourceCidr: "10.20.0.0/16",
        repository: "https://github.com/mattiIce/PBX.git",
        release: "v1.2.0",
        postgresMajor: "16",
        voicemailDevice: "/dev/sdf",
        recordingsDevice: "/dev/sdg",
    };

    it("renders as recorded (snapshot)", () => {
        expect(renderCloudConfig(pbxCloudConfig(options))).toMatchSnapshot();
    });

    it("opens SIP (UDP and TLS) and RTP to the configured networks and nginx to the load balancer, on the host firewall", () => {
        const runcmd = pbxCloudConfig(options).runcmd as string[];
        expect(runcmd.filter((line) => line.startsWith("ufw allow"))).toEqual([
            "ufw allow proto udp from 198.51.100.0/24 to any port 5060",
            "ufw allow proto tcp from 198.51.100.0/24 to any port 5061",
            "ufw allow proto udp from 198.51.100.0/24 to any port 10000:20000",
            "ufw allow proto tcp from 10.20.0.0/16 to any port 443",
        ]);
    });

    it("carries no secret value, only the secret's name", () => {
        const text = renderCloudConfig(pbxCloudConfig(options));
        expect(text).toContain("--secret-id warden-pbx/app-env");
        // A literal password or key; PGPASSWORD="$DB_PASSWORD" refers to the .env the unit loads.
        expect(text).not.toMatch(/PASSWORD=(?!["']?\$)|BEGIN (EC )?PRIVATE KEY/);
    });
});

describe("postgresClient", () => {
    it("installs the client of the server's major version from the PostgreSQL project's repository", () => {
        expect(postgresClient("17")).toEqual({
            settings: { apt: { sources: { pgdg: { source: "deb [signed-by=$KEY_FILE] https://apt.postgresql.org/pub/repos/apt $RELEASE-pgdg main", keyid: "B97B0AFCAA1A47F044F244A07FCC7D46ACCC4CF8" } } } },
            packages: ["postgresql-client-17"],
        });
    });
});

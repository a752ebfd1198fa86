import * as YAML from "yaml";
import { renderCloudConfig } from "../../components/compute/cloud-init";
import { LOG_GROUPS, appAgentConfig, appHostCloudConfig } from "../../stacks/voiceassist-host";
import { childDirectives, listens, nginxConfig, servers } from "../../policies/lib/nginx";
import { CloudConfig } from "../../policies/lib/cloud-init";

const options = {
    hostname: "app.example.com",
    domain: "example.com",
    apiEndpoint: "internal-api-gateway-0123456789abcdef.elb.us-east-1.amazonaws.com",
    adminCidrs: ["192.0.2.0/24"],
    adminSshKeys: ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample admin"],
    webSourceCidr: "10.30.0.0/16",
    dataDevice: "/dev/sdf",
};
const document = appHostCloudConfig(options);
const runcmd = document.runcmd as string[];
const files = new Map((document.write_files as { path: string; content: string; permissions: string; defer?: boolean }[]).map((file) => [file.path, file]));

describe("the VoiceAssist host's cloud-config", () => {
    it("renders as recorded (snapshot)", () => {
        const text = renderCloudConfig(document);
        expect(YAML.parse(text)).toEqual(document);
        expect(text).toMatchSnapshot();
    });

    it("serves TLS 1.3 on 443 for the load balancer with a key made on the host, trusting the VPC's X-Forwarded-For; 80 only redirects", () => {
        const [plain, tls] = servers(nginxConfig(document as CloudConfig));
        expect(listens(plain)).toEqual([{ port: 80, ssl: false, http2: false }]);
        expect(childDirectives(plain, "return")[0].args).toEqual(["301", "https://$host$request_uri"]);
        expect(listens(tls)).toEqual([{ port: 443, ssl: true, http2: false }]);
        const values = (name: string) => childDirectives(tls, name).map((directive) => directive.args.join(" "));
        expect(values("ssl_protocols")).toEqual(["TLSv1.3"]);
        expect(values("ssl_certificate")).toEqual(["/etc/nginx/tls/voiceassist.crt"]);
        expect(values("ssl_certificate_key")).toEqual(["/etc/nginx/tls/voiceassist.key"]);
        expect(values("set_real_ip_from")).toEqual(["10.30.0.0/16"]);
        expect(values("real_ip_header")).toEqual(["X-Forwarded-For"]);
        expect(values("real_ip_recursive")).toEqual(["on"]);
        expect(values("client_max_body_size")).toEqual(["25m"]);
        expect(values("add_header").map((header) => header.split(" ")[0])).toEqual(["Strict-Transport-Security", "Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"]);
        expect(childDirectives(tls, "location").map((location) => location.args[0])).toEqual(["/metrics", "/"]);
        expect(runcmd).toContain("(umask 077 && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 -subj /CN=example.com -addext subjectAltName=DNS:example.com -keyout /etc/nginx/tls/voiceassist.key -out /etc/nginx/tls/voiceassist.crt)");
        expect(renderCloudConfig(document)).not.toMatch(/BEGIN (EC )?PRIVATE KEY/);
    });

    it("proxies / to the API gateway's internal load balancer over TLS 1.3, verifying its certificate for the domain; WebSockets, rate limit and /metrics deny kept", () => {
        const [, tls] = servers(nginxConfig(document as CloudConfig));
        const [metrics, root] = childDirectives(tls, "location");
        expect(metrics.args).toEqual(["/metrics"]);
        expect((metrics.children ?? []).map((directive) => [directive.name, ...directive.args].join(" "))).toEqual(["return 404"]);
        expect(root.args).toEqual(["/"]);
        expect((root.children ?? []).map((directive) => [directive.name, ...directive.args].join(" "))).toEqual([
            "limit_req zone=voiceassist_api burst=40 nodelay",
            "proxy_pass https://internal-api-gateway-0123456789abcdef.elb.us-east-1.amazonaws.com",
            "proxy_ssl_server_name on",
            "proxy_ssl_name example.com",
            "proxy_ssl_verify on",
            "proxy_ssl_verify_depth 2",
            "proxy_ssl_trusted_certificate /etc/ssl/certs/ca-certificates.crt",
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
        expect(files.get("/etc/nginx/conf.d/voiceassist.conf")!.content).toContain("limit_req_zone $binary_remote_addr zone=voiceassist_api:10m rate=20r/s;");
        // nginx resolves the balancer's name when it loads the site: boot waits for it first.
        const test = runcmd.indexOf("nginx -t");
        expect(runcmd[test - 1]).toBe("for i in $(seq 1 60); do getent hosts internal-api-gateway-0123456789abcdef.elb.us-east-1.amazonaws.com >/dev/null && break; sleep 10; done");
    });

    it("keeps no .env and reads no secret: the application and its environment live in the cluster", () => {
        expect(runcmd.filter((command) => command.includes("secretsmanager") || command.includes(".env"))).toEqual([]);
        expect(files.has("/opt/voiceassist/.env")).toBe(false);
        // The audit rules still watch the path; its directory exists before they load.
        expect(runcmd.indexOf("mkdir -p /opt/voiceassist")).toBeLessThan(runcmd.indexOf("augenrules --load"));
    });

    it("starts fail2ban after nginx, with the site's error log created first", () => {
        expect(files.get("/etc/fail2ban/jail.d/sshd.local")!.content).toBe(
            "[DEFAULT]\nbantime = 1h\nfindtime = 10m\nmaxretry = 5\n\n[sshd]\nenabled = true\nport = ssh\n\n[nginx-http-auth]\nenabled = true\nlogpath = /var/log/nginx/voiceassist.error.log\n",
        );
        const nginx = runcmd.indexOf("systemctl restart nginx");
        const fail2ban = runcmd.indexOf("systemctl restart fail2ban");
        expect(nginx).toBeGreaterThan(-1);
        expect(runcmd.slice(nginx + 1, fail2ban + 1)).toEqual([
            "mkdir -p /var/log/nginx",
            "touch /var/log/nginx/voiceassist.error.log",
            "chown www-data:adm /var/log/nginx/voiceassist.error.log",
            "chmod 0640 /var/log/nginx/voiceassist.error.log",
            "systemctl enable fail2ban",
            "systemctl restart fail2ban",
        ]);
    });

    it("runs the CloudWatch agent: memory and disk with the alarms' dimensions, audit and nginx logs to their groups", () => {
        expect(LOG_GROUPS).toEqual({ audit: "/voiceassist/audit", nginx: "/voiceassist/nginx" });
        const agent = files.get("/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json")!;
        expect(JSON.parse(agent.content)).toEqual(appAgentConfig());
        expect(appAgentConfig()).toEqual({
            agent: { metrics_collection_interval: 60, run_as_user: "root" },
            metrics: {
                namespace: "CWAgent",
                append_dimensions: { InstanceId: "${aws:InstanceId}" },
                aggregation_dimensions: [["InstanceId", "path"], ["InstanceId"]],
                metrics_collected: { mem: { measurement: ["mem_used_percent"] }, disk: { measurement: ["used_percent"], resources: ["/", "/var/lib/docker"] } },
            },
            logs: {
                logs_collected: {
                    files: {
                        collect_list: [
                            { file_path: "/var/log/audit/audit.log", log_group_name: "/voiceassist/audit" },
                            { file_path: "/var/log/nginx/voiceassist.access.log", log_group_name: "/voiceassist/nginx" },
                            { file_path: "/var/log/nginx/voiceassist.error.log", log_group_name: "/voiceassist/nginx" },
                        ],
                    },
                },
            },
        });
        expect(runcmd.slice(-3)).toEqual([
            "curl -fsSL https://amazoncloudwatch-agent.s3.amazonaws.com/ubuntu/amd64/latest/amazon-cloudwatch-agent.deb -o /tmp/amazon-cloudwatch-agent.deb",
            "dpkg -i -E /tmp/amazon-cloudwatch-agent.deb",
            "/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json",
        ]);
    });

    it("opens 80 and 443 to the VPC and SSH to the admin networks only", () => {
        expect(runcmd.filter((command) => command.startsWith("ufw allow"))).toEqual([
            "ufw allow proto tcp from 10.30.0.0/16 to any port 80",
            "ufw allow proto tcp from 10.30.0.0/16 to any port 443",
            "ufw allow proto tcp from 192.0.2.0/24 to any port 22",
        ]);
    });
});

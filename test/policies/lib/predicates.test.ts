// The parsers and predicates under policies/lib that rules of both packs share, without resources.
import { parseSchedule, atLeast } from "../../../policies/lib/backups";
import { CloudConfig } from "../../../policies/lib/cloud-init";
import { agentConfigOf } from "../../../policies/lib/cloudwatch-agent";
import { parseSrv } from "../../../policies/lib/dns";
import { seconds } from "../../../policies/lib/fail2ban";
import { accessOf, aptSettings, mountOfDevice, othersDenied, resolvePath, scheduledJobs, sysctlApplied, sysctlSettings } from "../../../policies/lib/host-files";
import { ubuntuImage } from "../../../policies/lib/hosts";
import { keptDays, parseLogrotate } from "../../../policies/lib/logs";
import { cidrWithin, isPrivate, isWorld, parseCidr, parsePortSpec } from "../../../policies/lib/network";
import { effective, httpContext, listens, locations, parseNginx, proxyPasses, proxyPort, proxyUpstream, servers } from "../../../policies/lib/nginx";
import { literalCredentials } from "../../../policies/lib/secrets";
import { parseUnit, unitEnvironment, isEnabledAtBoot, isStartedAtBoot, isDisabledAtBoot } from "../../../policies/lib/systemd";
import { deprecatedSuites, elbPolicy, oldestProtocol, weakSuites } from "../../../policies/lib/tls";
import { ufwOf, ufwAdmits } from "../../../policies/lib/ufw";

const files = (entries: Record<string, string | { content: string; permissions?: string; owner?: string }>): CloudConfig["write_files"] =>
    Object.entries(entries).map(([path, file]) => (typeof file === "string" ? { path, content: file } : { path, ...file }));

describe("nginx", () => {
    const config = parseNginx(`
        # comment { not a block }
        upstream pbx { server 127.0.0.1:8080; }
        server {
            listen 443 ssl http2;
            server_name "portal.example.com" www.example.com;
            add_header X-Frame-Options DENY always;
            location / { proxy_pass http://pbx; }
            location /static { add_header Cache-Control "max-age=60; public"; root /srv; }
        }`);
    const [server] = servers(config);

    it("parses blocks, quoted arguments and comments", () => {
        expect(listens(server)).toEqual([{ port: 443, ssl: true, http2: true }]);
        expect(server.children!.find((directive) => directive.name === "server_name")!.args).toEqual(["portal.example.com", "www.example.com"]);
    });
    it("resolves proxy_pass through upstream blocks", () => {
        expect(proxyPort(config, "http://pbx")).toEqual({ host: "127.0.0.1", port: 8080 });
        expect(proxyPort(config, "http://localhost:9000/api")).toEqual({ host: "localhost", port: 9000 });
    });
    it("tells upstreams on the host from remote ones", () => {
        expect(proxyUpstream(config, "http://pbx")).toEqual({ scheme: "http", loopback: true });
        expect(proxyUpstream(config, "HTTP://127.0.0.2:8000/")).toEqual({ scheme: "http", loopback: true });
        expect(proxyUpstream(config, "http://[::1]:8000")).toEqual({ scheme: "http", loopback: true });
        expect(proxyUpstream(config, "http://unix:/run/app.sock:/api")).toEqual({ scheme: "http", loopback: true });
        expect(proxyUpstream(config, "https://api.example.internal/v1")).toEqual({ scheme: "https", loopback: false });
        expect(proxyUpstream(config, "http://localhost.example.com")).toEqual({ scheme: "http", loopback: false });
        expect(proxyUpstream(config, "$backend")).toEqual({ loopback: false });
    });
    it("finds every proxy_pass with the blocks it inherits from, in if blocks too", () => {
        const nested = parseNginx("server { location / { if ($http_x) { proxy_pass https://a; } } location /b { location /b/c { proxy_pass https://c; } } }");
        expect(proxyPasses(nested).map(({ url, chain }) => `${url} ${chain.map((block) => block.name).join(">")}`)).toEqual(["https://a http>server>location>if", "https://c http>server>location>location"]);
    });
    it("inherits like nginx: the innermost level with the directive wins", () => {
        const [root, statics] = locations(httpContext(config), server);
        expect(effective(root.chain, "add_header").map((directive) => directive.args[0])).toEqual(["X-Frame-Options"]);
        expect(effective(statics.chain, "add_header").map((directive) => directive.args[0])).toEqual(["Cache-Control"]);
    });
});

describe("ufw", () => {
    const ufw = ufwOf({
        runcmd: ["sudo ufw default deny incoming", "ufw default allow outgoing", "ufw allow 5060/udp && ufw allow 10000:20000/udp", "ufw allow from 10.0.0.0/8 to any port 22 proto tcp", "ufw allow 'Nginx Full'", "ufw limit 2222/tcp", "ufw --force enable"],
    });
    it("reads defaults, simple and full rules, profiles and enable", () => {
        expect(ufw.defaultIncoming).toBe("deny");
        expect(ufw.enabled).toBe(true);
        expect(ufw.unreadable).toEqual([]);
        expect(ufwAdmits(ufw, { protocol: "udp", fromPort: 12000, toPort: 13000 })).toHaveLength(1);
        expect(ufwAdmits(ufw, { protocol: "tcp", fromPort: 22, toPort: 22 })[0].source).toBe("10.0.0.0/8");
        expect(ufwAdmits(ufw, { protocol: "tcp", fromPort: 443, toPort: 443 })).toHaveLength(1);
        expect(ufwAdmits(ufw, { protocol: "tcp", fromPort: 2222, toPort: 2222 })[0].action).toBe("limit");
        expect(ufwAdmits(ufw, { protocol: "udp", fromPort: 5061, toPort: 5061 })).toEqual([]);
    });
});

describe("CIDR blocks and port specs", () => {
    it("compares IPv4 and IPv6 ranges", () => {
        expect(cidrWithin("10.1.2.0/24", "10.0.0.0/8")).toBe(true);
        expect(cidrWithin("10.0.0.0/8", "10.1.0.0/16")).toBe(false);
        expect(cidrWithin("2001:db8::/48", "2001:db8::/32")).toBe(true);
        expect(isWorld("0.0.0.0/0") && isWorld("::/0")).toBe(true);
        expect(isPrivate("172.20.0.0/16")).toBe(true);
        expect(isPrivate("203.0.113.0/24")).toBe(false);
        expect(parseCidr("300.1.1.1/8")).toBeUndefined();
        expect(parsePortSpec("10000-20000/udp")).toEqual({ protocol: "udp", fromPort: 10000, toPort: 20000 });
    });
});

describe("schedules", () => {
    it("reads AWS cron and rate expressions", () => {
        expect(parseSchedule("cron(0 2 * * ? *)")).toMatchObject({ frequency: "daily", hour: 2, minute: 0 });
        expect(parseSchedule("cron(0 3 ? * SUN *)")).toMatchObject({ frequency: "weekly", hour: 3 });
        expect(parseSchedule("cron(0 1 1 * ? *)").frequency).toBe("monthly");
        expect(parseSchedule("cron(0 */6 * * ? *)").frequency).toBe("hourly");
        expect(parseSchedule("rate(12 hours)").frequency).toBe("daily");
        expect(atLeast(parseSchedule("cron(0 2 * * ? *)"), "weekly")).toBe(true);
        expect(atLeast(parseSchedule("cron(0 2 1 * ? *)"), "weekly")).toBe(false);
    });
});

describe("host files", () => {
    const config: CloudConfig = {
        write_files: files({
            "/etc/apt/apt.conf.d/50unattended-upgrades": 'Unattended-Upgrade::Allowed-Origins {\n  "${distro_id}:${distro_codename}-security";\n};\n// comment\nUnattended-Upgrade::Automatic-Reboot "true";\n',
            "/etc/sysctl.d/10-a.conf": "net.core.rmem_max = 100\n",
            "/etc/sysctl.d/20-b.conf": "# comment\nnet.core.rmem_max=200\n",
            "/etc/cron.d/dump": "SHELL=/bin/sh\n0 1 * * * postgres pg_dump pbx > /tmp/x\n",
            "/etc/systemd/system/check.timer": "[Timer]\nOnCalendar=daily\n",
            "/etc/systemd/system/check.service": "[Service]\nExecStart=/usr/bin/check\n",
            "/etc/pbx/secret.conf": { content: "x", owner: "root:pbx", permissions: "0640" },
        }),
        fs_setup: [{ label: "vm", device: "/dev/sdf", filesystem: "ext4" }],
        mounts: [["LABEL=vm", "/var/lib/vm", "ext4", "defaults"]],
        runcmd: ["sysctl --system", "install -d -o pbx -g pbx -m 0750 /var/lib/pbx", "chown -R app:app /srv", "chmod o-rwx /srv/data", "ln -sfn /var/lib/vm /opt/pbx/voicemail"],
    };
    it("reads apt lists and values", () => {
        expect(aptSettings(config).get("Unattended-Upgrade::Allowed-Origins")).toEqual(["${distro_id}:${distro_codename}-security"]);
        expect(aptSettings(config).get("Unattended-Upgrade::Automatic-Reboot")).toEqual(["true"]);
    });
    it("merges sysctl files in order and sees them applied", () => {
        expect(sysctlSettings(config).get("net.core.rmem_max")).toEqual({ value: "200", path: "/etc/sysctl.d/20-b.conf" });
        expect(sysctlApplied(config, "/etc/sysctl.d/20-b.conf")).toBe(true);
    });
    it("finds cron jobs and timers", () => {
        expect(scheduledJobs(config).map((job) => [job.command, job.schedule])).toEqual([
            ["pg_dump pbx > /tmp/x", "cron: 0 1 * * *"],
            ["/usr/bin/check", "timer: OnCalendar=daily"],
        ]);
    });
    it("follows owners and modes set at boot", () => {
        expect(accessOf(config, "/var/lib/pbx")).toMatchObject({ owner: "pbx", group: "pbx", mode: "0750" });
        expect(accessOf(config, "/srv/data")).toMatchObject({ owner: "app", mode: "o-rwx" });
        expect(othersDenied("o-rwx") && othersDenied("0750") && !othersDenied("0755")).toBe(true);
        expect(accessOf(config, "/etc/pbx/secret.conf")).toMatchObject({ owner: "root", group: "pbx", mode: "0640" });
    });
    it("resolves mounts by label and symbolic links", () => {
        expect(mountOfDevice(config, "/dev/xvdf")?.mountPoint).toBe("/var/lib/vm");
        expect(resolvePath(config, "/opt/pbx/voicemail/inbox")).toBe("/var/lib/vm/inbox");
    });
});

describe("systemd units", () => {
    const unit = parseUnit("/etc/systemd/system/x.service", '[Service]\nEnvironment=A=1 "B=two words"\nEnvironment=C=3\nExecStart=/bin/x \\\n  --flag\n');
    it("keeps repeated keys and continuation lines", () => {
        expect(unitEnvironment(unit)).toEqual(new Map([["A", "1"], ["B", "two words"], ["C", "3"]]));
        expect(unit.get("Service", "ExecStart")).toBe("/bin/x    --flag");
    });
    it("reads enable, start and disable commands", () => {
        const config: CloudConfig = { runcmd: ["systemctl enable --now pbx.service", "systemctl mask snapd"] };
        expect(isEnabledAtBoot(config, "pbx") && isStartedAtBoot(config, "pbx") && isDisabledAtBoot(config, "snapd")).toBe(true);
        expect(isStartedAtBoot({ runcmd: ["systemctl enable pbx"] }, "pbx")).toBe(false);
    });
});

describe("TLS", () => {
    it("knows ELB policies and judges cipher strings", () => {
        expect(elbPolicy(undefined)?.minVersion).toBe(1.0);
        expect(elbPolicy("ELBSecurityPolicy-TLS13-1-2-Res-2021-06")).toEqual({ minVersion: 1.2, deprecatedCiphers: false, strong: true });
        expect(weakSuites("ECDHE-RSA-AES128-GCM-SHA256:!aNULL:ECDHE-RSA-AES128-SHA")).toEqual(["ECDHE-RSA-AES128-SHA"]);
        expect(deprecatedSuites("HIGH:!MD5:RC4-SHA")).toEqual(["HIGH", "RC4-SHA"]);
        expect(oldestProtocol(["TLSv1.2", "TLSv1.3"])).toBe(1.2);
    });
});

describe("other parsers", () => {
    it("reads images, SRV records, logrotate, fail2ban times, credentials and agent configs", () => {
        expect(ubuntuImage("resolve:ssm:/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id")).toEqual({ family: "server", release: "24.04", current: true });
        expect(ubuntuImage("ami-0123")).toBeUndefined();
        expect(parseSrv("10 5 5060 sip.example.com.")).toEqual({ priority: 10, weight: 5, port: 5060, target: "sip.example.com" });
        const [stanza] = parseLogrotate("/etc/logrotate.d/x", "/var/log/x/*.log {\n  weekly\n  rotate 8\n  postrotate\n    kill -HUP 1 { }\n  endscript\n}\n");
        expect(keptDays(stanza)).toBe(56);
        expect(seconds("1h")).toBe(3600);
        expect(literalCredentials("DB_PASSWORD=${DB_PASSWORD}\nAPI_TOKEN: abc123\npassword: '' \n")).toEqual([{ key: "API_TOKEN", value: "abc123" }]);
        const agent = agentConfigOf({ write_files: files({ "/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json": JSON.stringify({ metrics: { metrics_collected: { mem: { measurement: ["mem_used_percent"] }, disk: { measurement: ["used_percent"], resources: ["/"] } } } }) }) });
        expect(typeof agent !== "string" && agent.metrics.map((metric) => `${metric.namespace}/${metric.name}`)).toEqual(["CWAgent/mem_used_percent", "CWAgent/disk_used_percent"]);
    });
});

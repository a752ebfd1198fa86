// Host predicates of policies/lib (users and sudo, credentials in the user data, ufw, fail2ban), without resources.
import { CloudConfig } from "../../../policies/lib/cloud-init";
import { jailsOf } from "../../../policies/lib/fail2ban";
import { provisionsFile, redacted, userDataCredentials, usersOf } from "../../../policies/lib/host-files";
import { ufwOf } from "../../../policies/lib/ufw";

const ports = (config: CloudConfig) => ufwOf(config).rules.map((rule) => `${rule.fromPort === rule.toPort ? rule.fromPort : `${rule.fromPort}:${rule.toPort}`}/${rule.protocol} from ${rule.source}`);

describe("usersOf: sudo by group", () => {
    const sudoOf = (config: CloudConfig) => Object.fromEntries(usersOf(config).map((user) => [user.name, user.adminGroups]));

    it("reads groups as a comma-separated string or a list", () => {
        expect(sudoOf({ users: [{ name: "a", groups: "users, sudo" }, { name: "b", groups: ["wheel"] }, { name: "c", groups: "docker" }] })).toEqual({ a: ["sudo"], b: ["wheel"], c: [] });
    });
    it("reads the top-level groups", () => {
        expect(sudoOf({ users: [{ name: "ops" }], groups: [{ admin: ["ops"] }, "cloud-users", { docker: "ops" }] } as CloudConfig)).toEqual({ ops: ["admin"] });
    });
    it("reads usermod, useradd, gpasswd and adduser commands", () => {
        const config: CloudConfig = {
            users: [{ name: "a" }, { name: "b" }, { name: "c" }],
            runcmd: ["usermod -a -G docker,sudo a", "usermod --groups=wheel b", "gpasswd -M c,d admin", "useradd -m -G sudo e", "adduser --quiet f sudo", "adduser --system --home /opt/g g"],
        };
        expect(sudoOf(config)).toEqual({ a: ["sudo"], b: ["wheel"], c: ["admin"], d: ["admin"], e: ["sudo"], f: ["sudo"], g: [] });
        expect(usersOf(config).find((user) => user.name === "d")!.source).toBe("group");
        expect(usersOf(config).find((user) => user.name === "g")!.source).toBe("useradd");
    });
});

describe("userDataCredentials", () => {
    it("finds literals in files and commands, line by line", () => {
        const config: CloudConfig = {
            write_files: [{ path: "/etc/a.yml", content: "password:\n  min_length: 12\ntoken: abc\nkey_path: /etc/k.pem\n" }, { path: "/etc/b.json", content: '{\n  "api_key": "k-123"\n}' }],
            bootcmd: ["export API_TOKEN=t0k"],
            runcmd: ["echo DB_PASSWORD=hunter2 >> /opt/.env", "tool --password 'p@ss' run", ["sh", "-c", "PGPASSWORD=x psql"]],
        };
        expect(userDataCredentials(config).map(({ where, key, value }) => `${where} ${key}=${value}`)).toEqual([
            "/etc/a.yml token=abc",
            "/etc/b.json api_key=k-123",
            "bootcmd line 1 API_TOKEN=t0k",
            "runcmd line 1 DB_PASSWORD=hunter2",
            "runcmd line 2 --password=p@ss",
            "runcmd line 3 PGPASSWORD=x",
        ]);
    });
    it("reads the passwords cloud-init sets: users, chpasswd.users, chpasswd.list and password", () => {
        const config: CloudConfig = {
            users: ["default", { name: "a", plain_text_passwd: "pa" }, { name: "b", passwd: "$6$s$h" }, { name: "c", hashed_passwd: "$6$t$i", lock_passwd: true }],
            chpasswd: {
                users: [{ name: "d", password: "pd", type: "text" }, { name: "e", password: "$6$u$j" }, { name: "f", type: "RANDOM" }, { name: "g", password: "RANDOM", type: "text" }],
                list: "h:ph\ni:$5$v$k\nj:R\n",
            },
            password: "ignored-when-chpasswd-names-users",
        };
        expect(userDataCredentials(config).map(({ where, key, value, hashed }) => `${where} ${key}=${value}${hashed ? " (hash)" : ""}`)).toEqual([
            "cloud-init users[1] (plain_text_passwd) a's password=pa",
            "cloud-init users[2] (passwd) b's password=$6$s$h (hash)",
            "cloud-init users[3] (hashed_passwd) c's password=$6$t$i (hash)",
            "cloud-init chpasswd.users[0] d's password=pd",
            "cloud-init chpasswd.users[1] e's password=$6$u$j (hash)",
            "cloud-init chpasswd.list line 1 h's password=ph",
            "cloud-init chpasswd.list line 2 i's password=$5$v$k (hash)",
        ]);
        expect(userDataCredentials({ password: "pw" }).map(({ where, key }) => `${where} ${key}`)).toEqual(["cloud-init password the default user's password"]);
        expect(userDataCredentials({ chpasswd: { list: ["root:RANDOM"] }, password: "RANDOM" })).toEqual([]);
    });
    it("treats shell expansions as references", () => {
        const config: CloudConfig = { runcmd: ['TOKEN=$(curl -s -X PUT http://169.254.169.254/latest/api/token -H "X-aws-ec2-metadata-token-ttl-seconds: 21600")', 'echo "DB_PASSWORD=$DB_PASSWORD" >> .env', "X_SECRET=`cat /run/s`"] };
        expect(userDataCredentials(config)).toEqual([]);
    });
    it("redacts values in messages", () => {
        expect(redacted("echo A_PASSWORD=hunter2 B_TOKEN=xyz", [{ value: "hunter2" }, { value: "xyz" }])).toBe("echo A_PASSWORD=*** B_TOKEN=***");
    });
});

describe("ufw", () => {
    it("maps service names and application profiles to ports", () => {
        expect(ports({ runcmd: ["ufw allow ssh", "ufw allow https", 'ufw allow "Nginx Full"', "ufw limit sip/udp", "ufw allow from 10.0.0.0/8 to any port postgresql", "ufw allow from 10.0.0.0/8 to any app OpenSSH"] })).toEqual([
            "22/tcp from any",
            "443/tcp from any",
            "443/udp from any",
            "80/tcp from any",
            "443/tcp from any",
            "5060/udp from any",
            "5432/tcp from 10.0.0.0/8",
            "22/tcp from 10.0.0.0/8",
        ]);
    });
    it("reads comments, logging, insert, delete, route and reset", () => {
        const config: CloudConfig = { runcmd: ["ufw allow 80/tcp comment 'web'", "ufw insert 1 allow log 443/tcp", "ufw route allow 8080/tcp", "ufw allow 22/tcp", "ufw delete allow 22/tcp"] };
        expect(ports(config)).toEqual(["80/tcp from any", "443/tcp from any"]);
        expect(ufwOf({ runcmd: ["ufw allow 22/tcp", "ufw --force enable", "ufw --force reset"] })).toEqual({ enabled: false, rules: [], unreadable: [], defaultIncoming: "deny" });
    });
    it("keeps what it cannot read", () => {
        expect(ufwOf({ runcmd: ["ufw allow sshd", "ufw delete 2", "ufw allow from any to any app Custom", "ufw status verbose", "ufw app list"] }).unreadable).toEqual(["ufw allow sshd", "ufw delete 2", "ufw allow from any to any app Custom"]);
    });
});

describe("fail2ban read order", () => {
    const enabled = (paths: Record<string, string>) => jailsOf({ write_files: Object.entries(paths).map(([path, value]) => ({ path, content: `[sshd]\nenabled = ${value}\n` })) })[0].enabled;

    it("reads jail.conf, jail.d/*.conf, jail.local, then jail.d/*.local", () => {
        expect(enabled({ "/etc/fail2ban/jail.d/sshd.local": "false", "/etc/fail2ban/jail.local": "true" })).toBe(false);
        expect(enabled({ "/etc/fail2ban/jail.local": "false", "/etc/fail2ban/jail.d/sshd.conf": "true" })).toBe(false);
        expect(enabled({ "/etc/fail2ban/jail.d/z.conf": "false", "/etc/fail2ban/jail.conf": "true" })).toBe(false);
        expect(enabled({ "/etc/fail2ban/jail.d/b.local": "true", "/etc/fail2ban/jail.d/a.local": "false" })).toBe(true);
    });
    it("sorts jail.d by code point, as Python does", () => {
        expect(enabled({ "/etc/fail2ban/jail.d/a.local": "true", "/etc/fail2ban/jail.d/B.local": "false" })).toBe(true);
    });
});

describe("provisionsFile", () => {
    const KEY = "/etc/pbx/stir/key.pem";
    const FETCH = "/usr/local/sbin/fetch";
    const script = (body: string) => ({ path: FETCH, content: `#!/bin/sh\n${body}\n`, permissions: "0750" });
    const unit = (exec: string) => ({ path: "/etc/systemd/system/pbx.service", content: `[Service]\n${exec}\nExecStart=/opt/pbx/venv/bin/python /opt/pbx/main.py\n` });
    const REDIRECT = `    jq -r .key secret.json > ${KEY}`;
    it.each<[string, CloudConfig]>([
        ["written by write_files", { write_files: [{ path: KEY, content: "x" }] }],
        ["installed by a boot command", { runcmd: [`install -m 0600 -o pbx /tmp/key.pem ${KEY}`] }],
        ["copied after another command", { runcmd: [`mkdir -p /etc/pbx/stir && cp /tmp/key.pem ${KEY}`] }],
        ["copied into its directory (trailing slash)", { runcmd: ["cp /tmp/key.pem /etc/pbx/stir/"] }],
        ["installed into its directory (-t)", { runcmd: ["install -m 0600 -t /etc/pbx/stir /tmp/key.pem"] }],
        ["teed into", { runcmd: [`printf '%s' "$KEY" | tee ${KEY}`] }],
        ["redirected into by a script a boot command runs", { write_files: [script(REDIRECT)], runcmd: [FETCH] }],
        ["redirected into by a script a shell runs", { write_files: [script(REDIRECT)], bootcmd: [`sh ${FETCH}`] }],
        ["installed by a unit's ExecStartPre script (systemd prefixes -+)", { write_files: [script(`install -m 0600 "$staging/key.pem" ${KEY}`), unit(`ExecStartPre=-+${FETCH}`)] }],
        ["written by a script another run script runs", { write_files: [script(REDIRECT), { path: "/usr/local/sbin/boot", content: `#!/bin/sh\n${FETCH}\n` }], runcmd: ["/usr/local/sbin/boot"] }],
    ])("counts a file %s", (_, config) => {
        expect(provisionsFile(config, KEY)).toBe(true);
    });

    it.each<[string, CloudConfig]>([
        ["only named in a comment", { write_files: [script(`# installs ${KEY} some day`)], runcmd: [FETCH] }],
        ["only read", { runcmd: [`openssl pkey -in ${KEY} -noout`] }],
        // The source of a copy is read, not written.
        ["only copied away (cp source)", { runcmd: [`cp ${KEY} /var/backups/`] }],
        ["only installed elsewhere (install source)", { runcmd: [`install -m 0600 ${KEY} /var/backups/key.pem`] }],
        ["only moved away (mv source)", { runcmd: [`mv ${KEY} ${KEY}.old`] }],
        ["created as a directory (install -d)", { runcmd: [`install -d -m 0700 ${KEY}`] }],
        ["written elsewhere", { runcmd: [`install -m 0600 /tmp/key.pem ${KEY}.bak`] }],
        // A script nothing runs puts nothing in place.
        ["written by a script nothing runs", { write_files: [script(REDIRECT)] }],
        ["written by a script only made executable", { write_files: [script(REDIRECT)], runcmd: [`chmod 0750 ${FETCH}`] }],
        ["written by a script a unit only names in its description", { write_files: [script(REDIRECT), { path: "/etc/systemd/system/fetch.service", content: `[Unit]\nDescription=runs ${FETCH}\n[Service]\nExecStart=/bin/true\n` }] }],
        ["not mentioned at all", { runcmd: ["true"] }],
    ])("does not count a file %s", (_, config) => {
        expect(provisionsFile(config, KEY)).toBe(false);
    });
});

// Network configuration (1.1.3) and network security (3.4.1): addresses, DNS, both firewall
// layers, required ports, QoS, exposure, allow-lists, fail2ban.
import apiPort from "../../../policies/warden-pbx/rules/network/api-port";
import dnsRecords from "../../../policies/warden-pbx/rules/network/dns-records";
import fail2ban from "../../../policies/warden-pbx/rules/network/fail2ban";
import hostFirewallEnabled from "../../../policies/warden-pbx/rules/network/host-firewall-enabled";
import hostFirewallRules from "../../../policies/warden-pbx/rules/network/host-firewall-rules";
import httpsPort from "../../../policies/warden-pbx/rules/network/https-port";
import ipAllowlist from "../../../policies/warden-pbx/rules/network/ip-allowlist";
import onlyRequiredPorts from "../../../policies/warden-pbx/rules/network/only-required-ports";
import qosDscp from "../../../policies/warden-pbx/rules/network/qos-dscp";
import rtpPorts from "../../../policies/warden-pbx/rules/network/rtp-ports";
import sipPort from "../../../policies/warden-pbx/rules/network/sip-port";
import staticIp from "../../../policies/warden-pbx/rules/network/static-ip";
import { describeRule, run } from "./cases";
import { Environment, PBX_CONFIG, UNKNOWN } from "./environment";
import * as YAML from "yaml";

const LT = 'aws:ec2/launchTemplate:LaunchTemplate "pbx-lt"';
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const ssh = (cidr: string) => (env: Environment) =>
    env.add(INGRESS, "ssh", { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: cidr }, { securityGroupId: ["pbx-sg"] });
/** Extra ufw lines before `ufw --force enable`. */
const ufwCommands =
    (...commands: string[]) =>
    (env: Environment) =>
        env.command(/^ufw --force enable$/, [...commands, "ufw --force enable"].join(" && "));

describeRule({
    rule: staticIp,
    passes: [{ when: "the EIP names the instance", change: (env) => env.remove("pbx-ip-association").depend("pbx-ip", "instance", ["pbx"]) }],
    fails: [{ when: "no EIP is associated", change: (env) => env.remove("pbx-ip-association"), message: /has no Elastic IP/, resource: "pbx" }],
    unknown: (env) => env.set("pbx", "tags", UNKNOWN),
});

/** config.yml enables SIP over TLS as the kit renders it (security.enable_tls, on server.sip_tls_port when given). */
const sipTlsConfig = (port?: number) => (env: Environment) => {
    const config = JSON.parse(JSON.stringify(PBX_CONFIG));
    config.security.enable_tls = true;
    if (port !== undefined) {
        config.server.sip_tls_port = port;
    }
    env.file("/etc/pbx/config.yml", YAML.stringify(config), { owner: "root:pbx", permissions: "0640" });
};
const SIP_A = 'aws:route53/record:Record "sip-a"';

describeRule({
    rule: dnsRecords,
    passes: [
        { when: "SIP over TLS on 5061 is the port required, which _sips._tcp announces", change: (env) => env.remove("sip-srv"), config: { sipPort: 5061 } },
        { when: "config.yml enables SIP over TLS on 5062, which _sips._tcp announces", change: (env) => { sipTlsConfig(5062)(env); env.set("sips-srv", "records", ["10 5 5062 sip.example.com."]).set("pbx-sips", "fromPort", 5062).set("pbx-sips", "toPort", 5062); } },
        { when: "SIP over TLS is neither enabled nor open to the internet, and not announced", change: (env) => env.remove("sips-srv").set("pbx-sips", "cidrIpv4", "10.0.0.0/16") },
    ],
    fails: [
        { when: "no A record points at the EIP", change: (env) => env.depend("sip-a", "records", []), message: 'aws:ec2/eip:Eip "pbx-ip": has no A record pointing at it', resource: "pbx-ip" },
        { when: "there is no PTR", change: (env) => env.remove("pbx-ptr"), message: /has no reverse DNS/ },
        { when: "the PTR does not match", change: (env) => env.set("pbx-ptr", "domainName", "ec2.example.net"), message: /reverse DNS ec2.example.net does not match/, resource: "pbx-ptr" },
        { when: "no SRV record announces 5060 (only _sips._tcp on 5061 is left)", change: (env) => env.remove("sip-srv"), message: /no SIP SRV record \(_sip._udp \/ _sip._tcp \/ _sips._tcp\) announces sip.example.com on port 5060/, resource: "sip-a" },
        { when: "the SRV record announces another port", change: (env) => env.set("sip-srv", "records", ["10 5 5080 sip.example.com."]), message: /on port 5060/ },
        // SIP over TLS: 5061/tcp open to the internet (the fixture's pbx-sips) or enabled in config.yml.
        { when: "5061/tcp is open to the internet but no _sips._tcp record announces it", change: (env) => env.remove("sips-srv"), message: `${SIP_A}: no _sips._tcp SRV record announces sip.example.com on port 5061, though security group rule "pbx-sips" opens 5061/tcp to the internet`, resource: "sip-a" },
        { when: "the _sips._tcp record announces another port", change: (env) => env.set("sips-srv", "records", ["10 5 5062 sip.example.com."]), message: /no _sips\._tcp SRV record announces sip\.example\.com on port 5061/, resource: "sip-a" },
        { when: "the TLS port is announced as _sip._tcp instead of _sips._tcp", change: (env) => env.set("sips-srv", "name", "_sip._tcp.example.com"), message: /no _sips\._tcp SRV record announces sip\.example\.com on port 5061/, resource: "sip-a" },
        { when: "config.yml enables SIP over TLS on 5062 and only 5061 is announced", change: sipTlsConfig(5062), message: `${SIP_A}: no _sips._tcp SRV record announces sip.example.com on port 5062, though /etc/pbx/config.yml enables SIP over TLS (security.enable_tls)`, resource: "sip-a" },
        // The pass case above with config.yml enabling SIP over TLS: config.yml alone requires the record.
        {
            when: "config.yml enables SIP over TLS, closed to the internet, and nothing announces it",
            change: (env) => { sipTlsConfig()(env); env.remove("sips-srv").set("pbx-sips", "cidrIpv4", "10.0.0.0/16"); },
            message: /no _sips\._tcp SRV record announces sip\.example\.com on port 5061, though \/etc\/pbx\/config\.yml enables SIP over TLS/,
            resource: "sip-a",
        },
    ],
    unknown: (env) => env.set("pbx-ptr", "domainName", UNKNOWN),
});

describeRule({
    rule: hostFirewallRules,
    fails: [
        { when: "incoming traffic is allowed by default", change: (env) => env.command(/^ufw default deny incoming$/), message: `${LT}: does not deny incoming traffic by default (\`ufw default deny incoming\`)` },
        { when: "a port the security group opens has no ufw rule", change: (env) => env.command(/^ufw allow 10000:20000\/udp$/), message: `${LT}: has no ufw rule for 10000-20000/udp, which security group rule "pbx-rtp" opens` },
        { when: "ufw does not allow SIP over TLS", change: (env) => env.command(/^ufw allow 5061\/tcp$/), message: `${LT}: has no ufw rule for 5061/tcp, which security group rule "pbx-sips" opens` },
        { when: "a ufw command cannot be read", change: (env) => env.list("runcmd", (lines) => [...lines, "ufw allow from somewhere weird"]), message: /cannot read: ufw allow from somewhere weird/ },
    ],
    unknown: (env) => env.set("pbx-lt", "userData", UNKNOWN),
});

describeRule({
    rule: sipPort,
    passes: [{ when: "the rule is an inline ingress block", change: (env) => env.remove("pbx-sip").set("pbx-sg", "ingress", [{ protocol: "udp", fromPort: 5060, toPort: 5060, cidrBlocks: ["0.0.0.0/0"] }]) }],
    fails: [
        { when: "no security group admits 5060/udp", change: (env) => env.remove("pbx-sip"), message: 'aws:ec2/instance:Instance "pbx": 5060/udp is not open: no security group of the host admits it; SIP signalling needs it', resource: "pbx" },
        { when: "ufw does not allow it", change: (env) => env.command(/^ufw allow 5060\/udp$/), message: `${LT}: 5060/udp is not open: ufw does not allow it; SIP signalling needs it` },
        { when: "the security group admits TCP only", change: (env) => env.set("pbx-sip", "ipProtocol", "tcp"), message: /no security group of the host admits it/ },
    ],
    unknown: (env) => env.set("pbx-sip", "ipProtocol", UNKNOWN),
});

describeRule({
    rule: rtpPorts,
    passes: [{ when: "the rule is an aws:ec2/securityGroupRule", change: (env) => env.remove("pbx-rtp").add("aws:ec2/securityGroupRule:SecurityGroupRule", "rtp-legacy", { type: "ingress", protocol: "udp", fromPort: 10000, toPort: 20000, cidrBlocks: ["0.0.0.0/0"] }, { securityGroupId: ["pbx-sg"] }) }],
    fails: [
        { when: "the range is cut short", change: (env) => env.set("pbx-rtp", "toPort", 15000), message: /10000-20000\/udp is not open: no security group/ },
        { when: "ufw opens part of the range", change: (env) => env.command(/^ufw allow 10000:20000\/udp$/, "ufw allow 10000:10100/udp"), message: /ufw does not allow it/ },
    ],
    unknown: (env) => env.set("pbx-rtp", "toPort", UNKNOWN),
});

describeRule({
    rule: apiPort,
    passes: [
        {
            when: "8080 is open on both layers without nginx",
            change: (env) => {
                env.removeFile("/etc/nginx/conf.d/pbx.conf");
                env.add(INGRESS, "api", { ipProtocol: "tcp", fromPort: 8080, toPort: 8080, referencedSecurityGroupId: "<alb sg>" }, { securityGroupId: ["pbx-sg"], referencedSecurityGroupId: ["alb-sg"] });
                env.list("runcmd", (lines) => [...lines, "ufw allow 8080/tcp"]);
            },
        },
    ],
    fails: [
        { when: "nginx does not proxy to 8080", change: (env) => env.editFile("/etc/nginx/conf.d/pbx.conf", (text) => text.replace("127.0.0.1:8080", "127.0.0.1:9090")), message: `${LT}: neither opens 8080/tcp on both firewall layers nor proxies to 127.0.0.1:8080 with nginx, so the API is unreachable` },
        { when: "the nginx port is closed", change: (env) => env.remove("pbx-https-from-alb"), message: `${LT}: proxies the API with nginx on 443/tcp, but no such port is open on both firewall layers` },
    ],
    unknown: (env) => env.set("pbx-lt", "userData", UNKNOWN),
});

describeRule({
    rule: httpsPort,
    passes: [
        {
            when: "nginx on the host terminates TLS on 443 for the internet",
            change: (env) => {
                env.remove("pbx-web-attachment");
                env.add(INGRESS, "pbx-https", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }, { securityGroupId: ["pbx-sg"] });
                env.list("runcmd", (lines) => [...lines, "ufw allow 443/tcp"]);
            },
        },
    ],
    fails: [
        { when: "the load balancer's group does not admit 443 from the internet", change: (env) => env.set("alb-https", "cidrIpv4", "10.0.0.0/8"), message: 'aws:lb/loadBalancer:LoadBalancer "alb": no security group admitting 443/tcp from the internet', resource: "alb" },
        { when: "the load balancer has no HTTPS listener on 443", change: (env) => env.set("https", "port", 8443), message: /has no HTTPS listener on 443/ },
        {
            when: "nginx is the proxy but has no TLS server",
            change: (env) => env.remove("pbx-web-attachment").editFile("/etc/nginx/conf.d/pbx.conf", (text) => text.replace("listen 443 ssl;", "listen 443;")),
            message: `${LT}: fronts the PBX with nginx but no nginx server listens on 443 with ssl`,
        },
    ],
    unknown: (env) => env.set("alb-https", "cidrIpv4", UNKNOWN),
    notApplicable: { when: "nothing fronts the PBX", change: (env) => env.remove("pbx-web-attachment").removeFile("/etc/nginx/conf.d/pbx.conf"), reason: /no reverse proxy/ },
});

describeRule({
    rule: qosDscp,
    passes: [{ when: "the marking is in a persistent ufw file", change: (env) => (env.cloud.bootcmd = []) && env.file("/etc/ufw/before.rules", "*mangle\n-A ufw-before-output -p udp --sport 10000:20000 -j DSCP --set-dscp 46\nCOMMIT\n") }],
    fails: [
        { when: "RTP is not marked", change: (env) => (env.cloud.bootcmd = []), message: `${LT}: does not mark RTP (10000-20000/udp) with DSCP EF` },
        { when: "the marking only runs once", change: (env) => (env.cloud.bootcmd = []) && env.list("runcmd", (lines) => [...lines, "iptables -t mangle -A OUTPUT -p udp --sport 10000:20000 -j DSCP --set-dscp-class EF"]), message: /only in runcmd, which runs once/ },
        { when: "RTP is marked with a lower class", change: (env) => (env.cloud.bootcmd = ["iptables -t mangle -A OUTPUT -p udp --sport 10000:20000 -j DSCP --set-dscp-class AF21"]), message: /does not mark RTP/ },
    ],
    unknown: (env) => env.set("pbx-lt", "userData", UNKNOWN),
});

describeRule({
    rule: hostFirewallEnabled,
    fails: [
        { when: "ufw is never enabled", change: (env) => env.command(/^ufw --force enable$/), message: `${LT}: never enables the host firewall (\`ufw --force enable\`)` },
        { when: "ufw is not installed", change: (env) => env.list("packages", (list) => list.filter((name) => name !== "ufw")), message: `${LT}: does not install ufw` },
        { when: "the default lets traffic in", change: (env) => env.command(/^ufw default deny incoming$/, "ufw default allow incoming"), message: /does not deny incoming traffic by default/ },
    ],
    unknown: (env) => env.set("pbx-lt", "userData", UNKNOWN),
});

describeRule({
    rule: onlyRequiredPorts,
    passes: [
        { when: "SSH is open to the admin network only", change: ssh("198.51.100.0/24"), config: { adminCidrs: ["198.51.100.0/24"] } },
        { when: "a rule admits a private network", change: (env) => env.add(INGRESS, "internal", { ipProtocol: "tcp", fromPort: 9000, toPort: 9100, cidrIpv4: "10.0.0.0/16" }, { securityGroupId: ["pbx-sg"] }) },
        { when: "SIP over TLS is open to the trunk providers only", change: (env) => env.set("pbx-sips", "cidrIpv4", "198.51.100.0/24") },
    ],
    fails: [
        { when: "SSH is open to the world", change: ssh("0.0.0.0/0"), message: `${INGRESS} "ssh": opens administrative 22/tcp to 0.0.0.0/0, outside the admin networks (none configured)`, resource: "ssh" },
        { when: "the API port is open to the world", change: (env) => env.add(INGRESS, "api", { ipProtocol: "tcp", fromPort: 8080, toPort: 8080, cidrIpv4: "0.0.0.0/0" }, { securityGroupId: ["pbx-sg"] }), message: /opens 8080\/tcp to 0\.0\.0\.0\/0; only 5060\/udp, 5061\/tcp, 10000-20000\/udp, 443\/tcp, 80\/tcp may be open/ },
        { when: "SIP over TLS is open on UDP", change: (env) => env.add(INGRESS, "sips-udp", { ipProtocol: "udp", fromPort: 5061, toPort: 5061, cidrIpv4: "198.51.100.0/24" }, { securityGroupId: ["pbx-sg"] }), message: /opens 5061\/udp to 198\.51\.100\.0\/24/ },
        { when: "all traffic is open over IPv6", change: (env) => env.add(INGRESS, "all6", { ipProtocol: "-1", cidrIpv6: "::/0" }, { securityGroupId: ["db-sg"] }), message: /opens all traffic to ::\/0/ },
        { when: "an inline rule opens a range to a public network", change: (env) => env.set("db-sg", "ingress", [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["203.0.113.0/24"] }]), message: /opens 5432\/tcp to 203\.0\.113\.0\/24/, resource: "db-sg" },
    ],
    unknown: (env) => env.set("pbx-sip", "cidrIpv4", UNKNOWN),
});

describeRule({
    rule: ipAllowlist,
    config: { adminCidrs: ["198.51.100.0/24"] },
    passes: [
        { when: "ufw admits SSH from the admin network", change: (env) => ssh("198.51.100.0/24")(env).list("runcmd", (lines) => [...lines, "ufw allow from 198.51.100.0/24 to any port 22 proto tcp"]) },
        { when: "ufw admits ssh by name from the admin network", change: ufwCommands("ufw allow from 198.51.100.0/24 to any port ssh proto tcp comment 'admins'") },
        { when: "ufw admits the OpenSSH profile from the admin network", change: ufwCommands("ufw allow from 198.51.100.0/24 to any app OpenSSH") },
        { when: "ufw opens SSH to the world and deletes that rule", change: ufwCommands("ufw allow from 198.51.100.0/24 to any port 22 proto tcp", "ufw allow ssh", "ufw delete allow 22/tcp") },
    ],
    fails: [
        { when: "SSH is open to the world", change: ssh("0.0.0.0/0"), message: `${INGRESS} "ssh": admits 22/tcp from 0.0.0.0/0, outside the allow-list (198.51.100.0/24)`, resource: "ssh" },
        { when: "ufw admits SSH from anywhere", change: (env) => ssh("198.51.100.0/24")(env).list("runcmd", (lines) => [...lines, "ufw allow 22/tcp"]), message: `${LT}: lets 22/tcp in from any through ufw (ufw allow 22/tcp), outside the allow-list` },
        { when: "ufw allows ssh by name", change: ufwCommands("ufw allow ssh"), message: `${LT}: lets 22/tcp in from any through ufw (ufw allow ssh), outside the allow-list` },
        { when: "ufw allows the OpenSSH profile", change: ufwCommands('ufw allow "OpenSSH"'), message: `${LT}: lets 22/tcp in from any through ufw (ufw allow "OpenSSH"), outside the allow-list` },
        { when: "ufw limits ssh from anywhere at the top", change: ufwCommands("ufw insert 1 limit log ssh/tcp"), message: /lets 22\/tcp in from any through ufw \(ufw insert 1 limit log ssh\/tcp\)/ },
        { when: "ufw allows ssh to the host from another network", change: ufwCommands("ufw allow proto tcp from 203.0.113.0/24 to any port ssh"), message: /lets 22\/tcp in from 203\.0\.113\.0\/24 through ufw/ },
        { when: "a ufw command cannot be read", change: ufwCommands("ufw allow from any to any port sshd"), message: `${LT}: runs a ufw command the policy cannot read (ufw allow from any to any port sshd), so whether it opens an administrative port to sources outside the allow-list cannot be shown` },
        { when: "a ufw rule is deleted by number", change: ufwCommands("ufw delete 1"), message: /cannot read \(ufw delete 1\)/ },
    ],
    unknown: (env) => ssh(UNKNOWN)(env),
    compliantIsNotApplicable: true,
    notApplicable: { when: "no administrative port is open", change: () => undefined, reason: /SSM Session Manager/ },
});

const NO_PBX_JAIL = `${LT}: has no enabled fail2ban jail watching the PBX log (/var/log/pbx/)`;
const PBX_JAIL_ON = "[pbx-auth]\nenabled = true\nfilter = pbx-auth\nlogpath = /var/log/pbx/pbx.log\nmaxretry = 5\nbantime = 1h\n";
const pbxJailDisabled = (env: Environment) => env.editFile("/etc/fail2ban/jail.d/pbx.local", (text) => text.replace("[pbx-auth]\nenabled = true", "[pbx-auth]\nenabled = false"));

describeRule({
    rule: fail2ban,
    fails: [
        { when: "fail2ban is not installed", change: (env) => env.list("packages", (list) => list.filter((name) => name !== "fail2ban")), message: `${LT}: does not install fail2ban` },
        { when: "no jail watches the PBX log", change: (env) => env.editFile("/etc/fail2ban/jail.d/pbx.local", (text) => text.replace("[pbx-auth]\nenabled = true", "[pbx-auth]\nenabled = false")), message: `${LT}: has no enabled fail2ban jail watching the PBX log (/var/log/pbx/)` },
        { when: "the jail tolerates 20 failures", change: (env) => env.editFile("/etc/fail2ban/jail.d/pbx.local", (text) => text.replace("maxretry = 5\nbantime = 1h", "maxretry = 20\nbantime = 1h")), message: /bans after 20 failures for 1h/ },
        { when: "the jail's filter is missing", change: (env) => env.removeFile("/etc/fail2ban/filter.d/pbx-auth.conf"), message: /uses a filter that is not installed/ },
        // fail2ban reads jail.conf, jail.d/*.conf, jail.local, then jail.d/*.local: the last word is jail.d's.
        { when: "jail.local enables the jail and jail.d/pbx.local disables it", change: (env) => pbxJailDisabled(env).file("/etc/fail2ban/jail.local", PBX_JAIL_ON), message: NO_PBX_JAIL },
        { when: "a later jail.d .local file disables the jail", change: (env) => env.file("/etc/fail2ban/jail.d/zz-override.local", "[pbx-auth]\nenabled = false\n"), message: NO_PBX_JAIL },
        { when: "a .conf in jail.d enables the jail that jail.d/pbx.local disables", change: (env) => pbxJailDisabled(env).file("/etc/fail2ban/jail.d/zz-pbx.conf", PBX_JAIL_ON), message: NO_PBX_JAIL },
    ],
    passes: [
        { when: "jail.local disables the jail that jail.d/pbx.local enables", change: (env) => env.file("/etc/fail2ban/jail.local", "[pbx-auth]\nenabled = false\n") },
        { when: "jail.conf disables every jail by default", change: (env) => env.file("/etc/fail2ban/jail.conf", "[DEFAULT]\nenabled = false\n\n[pbx-auth]\nenabled = false\n") },
        { when: "a later jail.d .local file enables the jail pbx.local disables", change: (env) => pbxJailDisabled(env).file("/etc/fail2ban/jail.d/zz-override.local", "[pbx-auth]\nenabled = true\n") },
    ],
    unknown: (env) => env.set("pbx-lt", "userData", UNKNOWN),
});

describe("dns-records on SIP over TLS", () => {
    it("is unknown, not passed, when who may reach 5061/tcp is unknown", async () => {
        const result = await run(dnsRecords, (env) => env.remove("sips-srv").set("pbx-sips", "cidrIpv4", UNKNOWN));
        expect(result.violations).toEqual([]);
        expect(result.unknown).toEqual(["wp-1.1.3.2-dns-records"]);
    });
});

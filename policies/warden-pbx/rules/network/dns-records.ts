import { PolicyResource } from "@pulumi/policy";
import { elasticIpsOf, parseSrv, recordName, records, recordsPointingAt, reverseDnsOf } from "../../../lib/dns";
import { Host, cloudConfigOfHost, pbxHosts } from "../../../lib/hosts";
import { admitting, hostGroups, ingressRules, publicCidrs } from "../../../lib/network";
import { asNumber } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { NO_PBX_HOST, pbxConfig, setting } from "../../pbx";

/** SRV records of `names` whose target is one of `targets` on `port`. */
function announces(srv: PolicyResource[], names: RegExp, targets: string[], port: number): boolean {
    return srv
        .filter((record) => names.test(recordName(record)))
        .some((record) =>
            ((record.props.records ?? []) as unknown[]).some((value) => {
                const target = typeof value === "string" ? parseSrv(value) : undefined;
                return target !== undefined && target.port === port && targets.includes(target.target);
            }),
        );
}

/**
 * The port the host serves SIP over TLS on, and why it is served, or undefined: config.yml enables
 * it (security.enable_tls, on server.sip_tls_port, else `defaultPort`), or a security group of the
 * host admits that port over TCP from the internet. Clients then find it by its _sips._tcp SRV record.
 */
function sipTlsService(resources: PolicyResource[], host: Host, defaultPort: number): { port: number; why: string } | undefined {
    const cloud = cloudConfigOfHost(host);
    // An unreadable config.yml is reported by the rules about the PBX's configuration.
    const read = "config" in cloud ? pbxConfig(cloud.config) : undefined;
    const file = typeof read === "object" ? read : undefined;
    const port = (file ? asNumber(setting(file.data, "server.sip_tls_port")) : undefined) ?? defaultPort;
    if (file && setting(file.data, "security.enable_tls") === true) {
        return { port, why: `${file.source} enables SIP over TLS (security.enable_tls)` };
    }
    const open = admitting(ingressRules(resources), hostGroups(resources, host), { protocol: "tcp", fromPort: port, toPort: port }).find((rule) => publicCidrs(rule).length > 0);
    return open ? { port, why: `security group rule "${open.rule.name}" opens ${port}/tcp to the internet` } : undefined;
}

export default automatedRule<{ sipPort: number; sipTlsPort: number }>({
    name: "dns-records",
    items: ["WP-1.1.3.2"],
    description:
        "For each PBX host's Elastic IP: an A record whose values refer to the address (Route 53 aws:route53/record), a reverse DNS name (aws:ec2/eipDomainName) equal to that A record's name, and a SIP SRV record (_sip._udp, _sip._tcp or _sips._tcp) whose target is that name on sipPort; when the PBX serves SIP over TLS (its config.yml sets security.enable_tls, or a security group of the host opens the TLS port over TCP to the internet), also a _sips._tcp SRV record with that target on the TLS port (config.yml server.sip_tls_port, else sipTlsPort).",
    severity: "high",
    remediationSteps:
        "The kit creates sip.<domain> (A), the EIP's PTR, _sip._udp.<domain> (SRV on 5060) and _sips._tcp.<domain> (SRV on 5061, the SIP over TLS port its config.yml enables and its security group opens) from `readiness-kit:wardenDomain`. In your own program, add an aws.route53.Record of type A with records [eip.publicIp], an aws.ec2.EipDomainName with the same name, an SRV record \"10 5 5060 <name>.\", and when the PBX serves SIP over TLS an SRV record _sips._tcp.<domain> \"10 5 <sip_tls_port> <name>.\".",
    config: {
        sipPort: { type: "integer", minimum: 1, maximum: 65535, default: 5060, description: "Port the SRV record must announce." },
        sipTlsPort: { type: "integer", minimum: 1, maximum: 65535, default: 5061, description: "SIP over TLS port when config.yml names none (server.sip_tls_port): the _sips._tcp SRV record must announce it." },
    },
    validate: ({ resources, config, report }) => {
        const hosts = pbxHosts(resources);
        if (hosts.length === 0) {
            report(NO_PBX_HOST);
        }
        const srv = records(resources, "SRV");
        for (const host of hosts) {
            const eips = elasticIpsOf(resources, host);
            if (eips.length === 0) {
                report("has no Elastic IP for DNS records to point at", host.instance);
                continue;
            }
            const tls = sipTlsService(resources, host, config.sipTlsPort);
            for (const eip of eips) {
                const a = recordsPointingAt(resources, eip, "A");
                if (a.length === 0) {
                    report("has no A record pointing at it", eip);
                    continue;
                }
                const names = a.map(recordName);
                const ptr = reverseDnsOf(resources, eip);
                if (ptr.length === 0) {
                    report(`has no reverse DNS (aws:ec2/eipDomainName) for ${names.join(", ")}`, eip);
                } else if (!ptr.some((entry) => names.includes(String(entry.props.domainName ?? "").replace(/\.$/, "").toLowerCase()))) {
                    report(`reverse DNS ${ptr.map((entry) => entry.props.domainName).join(", ")} does not match its A record ${names.join(", ")}`, ptr[0]);
                }
                if (!announces(srv, /^_sips?\._(udp|tcp)\./, names, config.sipPort)) {
                    report(`no SIP SRV record (_sip._udp / _sip._tcp / _sips._tcp) announces ${names.join(", ")} on port ${config.sipPort}`, a[0]);
                }
                if (tls && !announces(srv, /^_sips\._tcp\./, names, tls.port)) {
                    report(`no _sips._tcp SRV record announces ${names.join(", ")} on port ${tls.port}, though ${tls.why}`, a[0]);
                }
            }
        }
    },
});

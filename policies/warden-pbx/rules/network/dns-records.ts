import { elasticIpsOf, parseSrv, recordName, records, recordsPointingAt, reverseDnsOf } from "../../../lib/dns";
import { pbxHosts } from "../../../lib/hosts";
import { automatedRule } from "../../../lib/rule";
import { NO_PBX_HOST } from "../../pbx";

export default automatedRule<{ sipPort: number }>({
    name: "dns-records",
    items: ["WP-1.1.3.2"],
    description:
        "For each PBX host's Elastic IP: an A record whose values refer to the address (Route 53 aws:route53/record), a reverse DNS name (aws:ec2/eipDomainName) equal to that A record's name, and a SIP SRV record (_sip._udp, _sip._tcp or _sips._tcp) whose target is that name on sipPort.",
    severity: "high",
    remediationSteps:
        "The kit creates sip.<domain> (A), the EIP's PTR and _sip._udp.<domain> (SRV) from `readiness-kit:wardenDomain`. In your own program, add an aws.route53.Record of type A with records [eip.publicIp], an aws.ec2.EipDomainName with the same name, and an SRV record \"10 5 5060 <name>.\".",
    config: {
        sipPort: { type: "integer", minimum: 1, maximum: 65535, default: 5060, description: "Port the SRV record must announce." },
    },
    validate: ({ resources, config, report }) => {
        const hosts = pbxHosts(resources);
        if (hosts.length === 0) {
            report(NO_PBX_HOST);
        }
        const srv = records(resources, "SRV").filter((record) => /^_sips?\._(udp|tcp)\./.test(recordName(record)));
        for (const host of hosts) {
            const eips = elasticIpsOf(resources, host);
            if (eips.length === 0) {
                report("has no Elastic IP for DNS records to point at", host.instance);
                continue;
            }
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
                const announced = srv.some((record) =>
                    ((record.props.records ?? []) as unknown[]).some((value) => {
                        const target = typeof value === "string" ? parseSrv(value) : undefined;
                        return target !== undefined && target.port === config.sipPort && names.includes(target.target);
                    }),
                );
                if (!announced) {
                    report(`no SIP SRV record (_sip._udp / _sip._tcp / _sips._tcp) announces ${names.join(", ")} on port ${config.sipPort}`, a[0]);
                }
            }
        }
    },
});

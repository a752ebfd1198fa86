import { elasticIpsOf, recordName, records } from "../../../lib/dns";
import { balancersFronting } from "../../../lib/edge";
import { referenced } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { NO_APP_HOST, appHosts } from "../../voiceassist";

export default automatedRule<{ domain: string }>({
    name: "dns-a-record",
    items: ["VA-1.2.2"],
    description:
        "A Route 53 A record (plain `records` or an alias) points the domain at each VoiceAssist server: at its Elastic IP, or at an internet-facing load balancer forwarding to it (read from property dependencies); when `domain` is set, the record must have that name.",
    severity: "high",
    remediationSteps: "The kit creates an alias A record for `readiness-kit:voiceassistDomain` to the load balancer. In your own program, add an aws.route53.Record of type A with `aliases` to the load balancer (or `records` [eip.publicIp]).",
    config: { domain: { type: "string", default: "", description: "The production domain (empty: any name)." } },
    validate: ({ resources, config, report }) => {
        const hosts = appHosts(resources);
        if (hosts.length === 0) {
            report(NO_APP_HOST);
        }
        const wanted = config.domain.replace(/\.$/, "").toLowerCase();
        for (const host of hosts) {
            const targets = new Set([...elasticIpsOf(resources, host), ...balancersFronting(resources, host)].map((target) => target.urn));
            const pointing = records(resources, "A").filter((record) => [...referenced(record, "records"), ...referenced(record, "aliases")].some((target) => targets.has(target.urn)));
            if (pointing.length === 0) {
                report("no DNS A record points at its Elastic IP or at a load balancer in front of it", host.instance);
            } else if (wanted !== "" && !pointing.some((record) => recordName(record) === wanted)) {
                report(`is reached as ${pointing.map(recordName).join(", ")}, not as ${wanted}`, host.instance);
            }
        }
    },
});

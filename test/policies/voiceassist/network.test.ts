// Network configuration and security (1.1.5, 1.2, 10.2.3, 11.3.1-3): address, DNS, firewalls, NetworkPolicies.
import dependenciesReachable from "../../../policies/voiceassist/rules/network/dependencies-reachable";
import dnsARecord from "../../../policies/voiceassist/rules/network/dns-a-record";
import firewallPorts from "../../../policies/voiceassist/rules/network/firewall-ports";
import networkPolicies from "../../../policies/voiceassist/rules/network/network-policies";
import staticIp from "../../../policies/voiceassist/rules/network/static-ip";
import strictFirewall from "../../../policies/voiceassist/rules/network/strict-firewall";
import zeroTrust from "../../../policies/voiceassist/rules/network/zero-trust";
import { describeRule, run } from "./cases";
import { DOMAIN, UNKNOWN } from "./environment";

const SSH_ANYWHERE = { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" };

describeRule({
    rule: staticIp,
    fails: [{ when: "the Elastic IP is not associated", change: (env) => env.remove("app-ip-association"), message: 'aws:ec2/instance:Instance "app": has no Elastic IP, so its public address changes when it is stopped or replaced', resource: "app" }],
    unknown: (env) => env.set("app", "tags", UNKNOWN),
});

describeRule({
    rule: dnsARecord,
    config: { domain: DOMAIN },
    fails: [
        { when: "the record points elsewhere", change: (env) => env.depend("domain", "aliases", []), message: /no DNS A record points at its Elastic IP or at a load balancer in front of it/, resource: "app" },
        { when: "the record has another name", change: (env) => env.set("domain", "name", "www.example.com"), message: /is reached as www\.example\.com, not as voiceassist\.example\.com/ },
    ],
    unknown: (env) => env.set("domain", "name", UNKNOWN),
});

describeRule({
    rule: firewallPorts,
    passes: [{ when: "SSH is open to the configured admin network", change: () => undefined, config: { adminCidrs: ["203.0.113.0/24"] } }],
    fails: [
        { when: "SSH is open to the world", change: (env) => env.add("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "ssh-anywhere", SSH_ANYWHERE, { securityGroupId: ["app-sg"] }), message: /opens administrative 22\/tcp to 0\.0\.0\.0\/0, outside the admin networks/, resource: "ssh-anywhere" },
        { when: "PostgreSQL is open to the internet", change: (env) => env.add("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "pg-open", { ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "198.51.100.0/24" }, { securityGroupId: ["db-sg"] }), message: /opens 5432\/tcp to 198\.51\.100\.0\/24; only 80\/tcp, 443\/tcp may be open/, resource: "pg-open" },
    ],
    unknown: (env) => env.set("app-ssh", "cidrIpv4", UNKNOWN),
});

describeRule({
    rule: strictFirewall,
    fails: [
        { when: "a rule admits all traffic from the VPC", change: (env) => env.add("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "all-from-vpc", { ipProtocol: "-1", cidrIpv4: "10.0.0.0/16" }, { securityGroupId: ["db-sg"] }), message: /admits all traffic from 10\.0\.0\.0\/16; allow only the ports needed/, resource: "all-from-vpc" },
        { when: "SSH is open to the world", change: (env) => env.add("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "ssh-anywhere", SSH_ANYWHERE, { securityGroupId: ["app-sg"] }), message: /opens administrative 22\/tcp to 0\.0\.0\.0\/0/ },
        { when: "ufw allows incoming by default", change: (env) => env.command(/^ufw default deny incoming$/, "ufw default allow incoming"), message: /does not run ufw with incoming traffic denied by default/ },
    ],
    unknown: (env) => env.set("alb-https", "ipProtocol", UNKNOWN),
});

describeRule({
    rule: zeroTrust,
    fails: [
        { when: "the data namespace has no default deny", change: (env) => env.remove("data-default-deny"), message: /namespace data has no default-deny NetworkPolicy/ },
        { when: "no engine enforces policies", change: (env) => env.set("vpc-cni", "configurationValues", "{}"), message: /nothing enforces NetworkPolicies/ },
    ],
    unknown: (env) => env.set("voiceassist-default-deny", "spec.policyTypes", UNKNOWN),
});

const CHART_POLICY_OPEN = /"redis": renders the chart's NetworkPolicy with networkPolicy.allowExternal true \(the chart's default\), which admits every pod/;

describeRule({
    rule: networkPolicies,
    passes: [{ when: "the Redis chart creates its own policy admitting only its clients", change: (env) => env.remove("redis-policy").set("redis", "values.networkPolicy", { enabled: true, allowExternal: false }) }],
    fails: [
        { when: "the worker has no policy", change: (env) => env.remove("worker-policy"), message: /Deployment voiceassist\/worker is selected by no NetworkPolicy of its own/, resource: "worker" },
        { when: "Qdrant has no policy", change: (env) => env.remove("qdrant-policy"), message: /runs pods no NetworkPolicy selects/, resource: "qdrant" },
        { when: "the Redis chart's policy admits every pod (allowExternal by default)", change: (env) => env.remove("redis-policy").set("redis", "values.networkPolicy.enabled", true), message: CHART_POLICY_OPEN, resource: "redis" },
        { when: "the Redis chart's open policy sits beside the kit's own", change: (env) => env.set("redis", "values.networkPolicy", { enabled: true, allowExternal: true }), message: CHART_POLICY_OPEN, resource: "redis" },
        { when: "networkPolicy is left to the chart's default", change: (env) => env.set("redis", "values.networkPolicy", undefined), message: CHART_POLICY_OPEN, resource: "redis" },
        { when: "Qdrant sets networkPolicy.enabled, which its chart ignores", change: (env) => env.remove("qdrant-policy").set("qdrant", "values.networkPolicy", { enabled: true, allowExternal: false }), message: /"qdrant": runs pods no NetworkPolicy selects/, resource: "qdrant" },
    ],
    unknown: (env) => env.set("api-gateway-policy", "spec.podSelector", UNKNOWN),
});

it("network-policies is unknown, not passed, while allowExternal is unknown", async () => {
    const result = await run(networkPolicies, (env) => env.set("redis", "values.networkPolicy", { enabled: true, allowExternal: UNKNOWN }));
    expect(result.violations).toEqual([]);
    expect(result.unknown).toEqual(["va-11.3.2-network-policies"]);
});

describeRule({
    rule: dependenciesReachable,
    fails: [
        { when: "the app may not reach Qdrant", change: (env) => env.set("api-gateway-policy", "spec.egress.2", undefined), message: /Deployment voiceassist\/api-gateway may not connect to Qdrant \(port 6333\)/, resource: "api-gateway" },
        { when: "the database admits nobody", change: (env) => env.remove("db-from-eks"), message: /has no security group rule admitting PostgreSQL/, resource: "db" },
    ],
    unknown: (env) => env.set("worker-policy", "spec.egress", UNKNOWN),
});

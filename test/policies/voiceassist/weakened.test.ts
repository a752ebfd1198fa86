// The whole pack on the compliant environment and on a weakened copy of it (the weakenings of
// issue 6: 16 GB host, Redis without password or AOF, no replica, TLS 1.2 policy, audit logs kept
// 1 year, Grafana default password, SSH open to the world): each fails, naming the resource.
import { voiceassistRegistry } from "../../../policies/voiceassist/registry";
import { analyzeStack } from "../../helpers/policy-harness";
import { voiceassistEnvironment } from "./environment";

const policies = voiceassistRegistry().policies();
const automated = policies.filter((policy) => policy.tags?.includes("automated"));

function weakened() {
    const env = voiceassistEnvironment();
    env.set("app", "instanceType", "m7i.xlarge");
    env.set("redis", "values.auth", { enabled: false }).set("redis", "values.commonConfiguration", "appendonly no\nsave 900 1\nmaxmemory 2gb\nmaxmemory-policy allkeys-lru");
    env.remove("db-replica", "db-replica-lag");
    env.set("https", "sslPolicy", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06");
    env.set("audit-logs-lock", "rule.defaultRetention.days", 365).set("audit-logs-lifecycle", "rules.0.expiration.days", 365).set("eks-logs", "retentionInDays", 365);
    env.set("monitoring", "values.grafana.adminPassword", undefined);
    env.add("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "ssh-anywhere", { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" }, { securityGroupId: ["app-sg"] });
    return env.resources();
}

describe("the VoiceAssist pack as a whole", () => {
    it("passes every automated mandatory policy on the compliant environment", async () => {
        const run = await analyzeStack(automated, voiceassistEnvironment().resources());
        expect(run.unknown).toEqual([]);
        expect(run.violations.filter((violation) => violation.enforcementLevel === "mandatory").map((violation) => `${violation.policy}: ${violation.message}`)).toEqual([]);
    });

    it("fails each weakened item, naming the resource", async () => {
        const run = await analyzeStack(automated, weakened());
        const expectFailure = (policy: string, resource: string, message: RegExp) => {
            const found = run.violations.filter((violation) => violation.policy === policy && violation.urn?.endsWith(`::${resource}`));
            expect({ policy, messages: found.map((violation) => violation.message) }).toEqual({ policy, messages: expect.arrayContaining([expect.stringMatching(message)]) });
        };
        expectFailure("va-1.1.2-memory", "app", /m7i\.xlarge has 16 GiB of memory; 32 GiB are required/);
        expectFailure("va-6.1.2-redis-auth", "redis", /lets clients in without a password \(auth\.enabled: false\)/);
        expectFailure("va-6.1.3-redis-aof", "redis", /runs without an append-only file \(appendonly no\)/);
        expectFailure("va-6.2.1-redis-aof", "redis", /runs without an append-only file/);
        expectFailure("va-5.1.7-read-replica", "db", /has no read replica/);
        expectFailure("va-9.1.2-read-replica", "db", /has no read replica/);
        expectFailure("va-9.1.4-replication-lag", "db", /has no read replica whose lag could be watched/);
        expectFailure("va-11.1.3-tls13-everywhere", "https", /accepts TLS 1\.2; TLS 1\.3 or newer is required/);
        expectFailure("va-11.2.2-tls13-everywhere", "https", /accepts TLS 1\.2; TLS 1\.3 or newer is required/);
        expectFailure("va-16.3.1-audit-retention", "audit-logs", /keeps audit logs locked 365 days; 2557 days under COMPLIANCE object lock are required/);
        expectFailure("va-16.3.1-audit-retention", "eks-logs", /keeps the cluster's audit log 365 days/);
        expectFailure("va-8.2.2-grafana-admin-password", "monitoring", /keeps the chart's default \(prom-operator\)/);
        expectFailure("va-1.2.4-firewall-ports", "ssh-anywhere", /opens administrative 22\/tcp to 0\.0\.0\.0\/0/);
        expectFailure("va-11.3.3-strict-firewall", "ssh-anywhere", /opens administrative 22\/tcp to 0\.0\.0\.0\/0/);
    });
});

// The whole pack on the compliant environment and on a weakened copy of it (the five weakenings
// of issue 4: small instance, 7-day retention, SSH open to the world, TLS 1.0 policy, no disk
// alarm). The gate-level version of this test runs `readiness check` on the kit's prod stack.
import { analyzeStack } from "../../helpers/policy-harness";
import { wardenRegistry } from "../../../policies/warden-pbx/registry";
import { pbxEnvironment } from "./environment";

const policies = wardenRegistry().policies();
const automated = policies.filter((policy) => policy.tags?.includes("automated"));

function weakened() {
    const env = pbxEnvironment();
    env.set("pbx", "instanceType", "t3.medium");
    env.set("db", "backupRetentionPeriod", 7).set("backup-plan", "rules.0.lifecycle.deleteAfter", 7).set("backup-plan", "rules.1.lifecycle.deleteAfter", 7);
    env.set("pbx-app-logs", "retentionInDays", 7);
    env.add("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "ssh-anywhere", { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" }, { securityGroupId: ["pbx-sg"] });
    env.set("https", "sslPolicy", "ELBSecurityPolicy-TLS13-1-0-2021-06");
    env.remove("pbx-disk-root");
    return env.resources();
}

describe("the Warden PBX pack as a whole", () => {
    it("passes every automated mandatory policy on the compliant environment", async () => {
        const run = await analyzeStack(automated, pbxEnvironment().resources());
        expect(run.unknown).toEqual([]);
        expect(run.violations.filter((violation) => violation.enforcementLevel === "mandatory").map((violation) => `${violation.policy}: ${violation.message}`)).toEqual([]);
    });

    it("fails each weakened item, naming the resource", async () => {
        const run = await analyzeStack(automated, weakened());
        const failing = (policy: string) => run.violations.filter((violation) => violation.policy === policy);
        const expectFailure = (policy: string, resource: string, message: RegExp) => {
            const found = failing(policy).filter((violation) => violation.urn?.endsWith(`::${resource}`));
            expect(found.map((violation) => violation.message)).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
        };
        expectFailure("wp-1.1.1.1-pbx-cpu-cores", "pbx", /t3.medium has 1 physical cores; 4 are required/);
        expectFailure("wp-1.1.1.2-pbx-memory", "pbx", /t3.medium has 4 GiB of memory; 8 GiB are required/);
        expectFailure("wp-1.2.2.2-db-backup-retention", "db", /keeps backups 7 days/);
        expectFailure("wp-5.1.2.4-backup-retention", "db", /keeps local backups 7 days; at least 30 are required/);
        expectFailure("wp-4.2.1.3-log-retention", "pbx-app-logs", /keeps logs 7 days; 30-90 days are required/);
        expectFailure("wp-3.4.1.2-only-required-ports", "ssh-anywhere", /opens administrative 22\/tcp to 0\.0\.0\.0\/0/);
        expectFailure("wp-3.4.1.3-ip-allowlist", "ssh-anywhere", /admits 22\/tcp from 0\.0\.0\.0\/0, outside the allow-list/);
        expectFailure("wp-3.1.1.6-tls-versions", "https", /accepts TLS 1\.0; TLS 1\.2 or newer is required/);
        expectFailure("wp-3.3.1.3-deprecated-algorithms", "https", /offers SHA-1 or 3DES cipher suites/);
        expect(failing("wp-1.3.1.5-disk-alerting").map((violation) => violation.message)).toContain('no CloudWatch alarm watches disk usage of / on host "pbx"');
        expect(failing("wp-4.3.1.2.3-disk-threshold-alert").map((violation) => violation.message)).toContain('no CloudWatch alarm watches disk usage of / on host "pbx"');
    });
});

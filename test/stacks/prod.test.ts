// The kit's production stack through the offline gate, as a newcomer runs it: the whole program
// runs, every automated mandatory item of the packs passes, and what remains are attestations
// the stack does not have yet. Weakened copies of the Warden and VoiceAssist blueprints fail where they should.
import * as path from "path";
import { FIXTURES, ROOT, readinessJson } from "../helpers/cli";

interface Item {
    checklist: string;
    id: string;
    status: string;
    verification: string;
    violations: { policy: string; enforcementLevel: string; urn: string | null; message: string }[];
}

const prod = readinessJson<{ resources: number; items: Item[]; summary: Record<string, number> }>(["check", "--stack", "prod"], ROOT);
const preview = readinessJson<{ items: Item[] }>(["check", "--stack", "prod", "--preview"], ROOT);
const failing = (items: Item[]) => items.filter((item) => item.status === "fail" && item.verification !== "group");

describe("npx readiness check --stack prod", () => {
    it("runs the whole program offline and reports every box of the packs that ran", () => {
        expect(prod.code).toBe(1); // attestations are not recorded yet
        expect(prod.report.resources).toBeGreaterThan(150);
        expect(prod.report.items.filter((item) => item.checklist === "warden-pbx")).toHaveLength(373);
        expect(prod.report.items.filter((item) => item.checklist === "voiceassist")).toHaveLength(302);
    });

    it("passes every automated mandatory item of both checklists", () => {
        const automatedMandatory = failing(prod.report.items).filter((item) => item.verification === "automated" && item.violations.some((violation) => violation.enforcementLevel === "mandatory"));
        expect(automatedMandatory.map((item) => `${item.id}: ${item.violations[0].message}`)).toEqual([]);
    });

    it("lists the attestations the stack still needs as failing attested items", () => {
        const attested = failing(prod.report.items).filter((item) => item.verification === "attested");
        expect(attested.length).toBeGreaterThan(100);
        expect(attested.every((item) => item.violations.every((violation) => violation.message.includes("no attestation recorded")))).toBe(true);
    });

    it("never passes in a first preview what needs values only an update knows, and fails nothing new", () => {
        const failingNow = new Set(failing(prod.report.items).map((item) => item.id));
        expect(failing(preview.report.items).filter((item) => !failingNow.has(item.id)).map((item) => item.id)).toEqual([]);
        expect(preview.report.items.some((item) => item.status === "unknown" && item.checklist === "warden-pbx")).toBe(true);
    });

    it("fails only two advisory automated items: the FIPS kernel (needs Ubuntu Pro) and mTLS (needs a service mesh)", () => {
        const automated = failing(prod.report.items).filter((item) => item.verification === "automated");
        expect(automated.map((item) => item.id)).toEqual(["WP-3.3.1.5", "VA-11.2.3"]);
        expect(automated.every((item) => item.violations.every((violation) => violation.enforcementLevel === "advisory"))).toBe(true);
    });
});

describe("a weakened Warden environment (small instance, 7-day retention, SSH to the world, TLS 1.0, no disk alarm)", () => {
    const weak = readinessJson<{ items: Item[] }>(["check", "--program", path.join(FIXTURES, "programs", "weak-warden"), "--stack", "weak", "--policy-pack", path.join(ROOT, "policies", "warden-pbx")]);
    const item = (id: string) => weak.report.items.find((entry) => entry.id === id)!;

    it.each([
        ["WP-1.1.1.1", "warden-pbx-host-instance", "t3.medium has 1 physical cores; 4 are required"],
        ["WP-1.1.1.2", "warden-pbx-host-instance", "t3.medium has 4 GiB of memory; 8 GiB are required"],
        ["WP-1.2.2.2", "warden-pbx-db-db", "keeps backups 7 days"],
        ["WP-5.1.2.4", "warden-pbx-db-db", "keeps local backups 7 days; at least 30 are required"],
        ["WP-3.4.1.2", "warden-pbx-host-ssh", "opens administrative 22/tcp to 0.0.0.0/0"],
        ["WP-3.1.1.6", "warden-pbx-web-https", "uses ELBSecurityPolicy-TLS-1-0-2015-04, which accepts TLS 1.0"],
        ["WP-1.3.1.5", "warden-pbx-host-instance", "no CloudWatch alarm watches disk usage of /"],
        ["WP-4.3.1.2.3", "warden-pbx-host-instance", "no CloudWatch alarm watches disk usage of /"],
    ])("%s fails, naming %s", (id, resource, message) => {
        expect(item(id).status).toBe("fail");
        const violation = item(id).violations.find((entry) => entry.message.includes(message));
        expect(violation).toBeDefined();
        expect(violation!.message).toContain(`"${resource}"`);
        expect(violation!.enforcementLevel).toBe("mandatory");
    });
});

describe("a weakened VoiceAssist environment (16 GiB host, Redis without password or AOF, no replica, TLS 1.2, audit logs kept 1 year, Grafana default password, SSH to the world)", () => {
    const weak = readinessJson<{ items: Item[] }>(["check", "--program", path.join(FIXTURES, "programs", "weak-voiceassist"), "--stack", "weak", "--policy-pack", path.join(ROOT, "policies", "voiceassist")]);
    const item = (id: string) => weak.report.items.find((entry) => entry.id === id)!;

    it.each([
        ["VA-1.1.2", "voiceassist-host-instance", "m7i.xlarge has 16 GiB of memory; 32 GiB are required"],
        ["VA-6.1.2", "voiceassist-redis-release", "lets clients in without a password (auth.enabled: false)"],
        ["VA-6.1.3", "voiceassist-redis-release", "runs without an append-only file (appendonly no)"],
        ["VA-6.2.1", "voiceassist-redis-release", "runs without an append-only file (appendonly no)"],
        ["VA-5.1.7", "voiceassist-db-db", "has no read replica"],
        ["VA-9.1.2", "voiceassist-db-db", "has no read replica"],
        ["VA-9.1.4", "voiceassist-db-db", "has no read replica whose lag could be watched"],
        ["VA-11.1.3", "voiceassist-web-https", "uses ELBSecurityPolicy-TLS13-1-2-Res-2021-06, which accepts TLS 1.2"],
        ["VA-11.2.2", "voiceassist-web-https", "uses ELBSecurityPolicy-TLS13-1-2-Res-2021-06, which accepts TLS 1.2"],
        ["VA-16.3.1", "account-audit-trail-bucket", "keeps audit logs locked 365 days; 2557 days under COMPLIANCE object lock are required"],
        ["VA-16.3.1", "voiceassist-eks-control-plane", "keeps the cluster's audit log 365 days"],
        ["VA-8.2.2", "voiceassist-monitoring-prometheus", "keeps the chart's default (prom-operator)"],
        ["VA-1.2.4", "voiceassist-host-ssh", "opens administrative 22/tcp to 0.0.0.0/0"],
        ["VA-11.3.3", "voiceassist-host-ssh", "opens administrative 22/tcp to 0.0.0.0/0"],
    ])("%s fails, naming %s", (id, resource, message) => {
        expect(item(id).status).toBe("fail");
        const violation = item(id).violations.find((entry) => entry.message.includes(message) && entry.message.includes(`"${resource}"`));
        expect(violation).toBeDefined();
        expect(violation!.enforcementLevel).toBe("mandatory");
    });
});

// Attestations and waivers through attestations/<stack>.yaml and waivers/<stack>.yaml next to
// the program, every state of each, and `readiness policy-config`, whose files give the plain
// CLI (and the gate, without the stack files) the same answer.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FIXTURES, day, programCopy, readiness, readinessJson } from "../helpers/cli";

const pack = path.join(FIXTURES, "packs", "basic");

interface Attestation {
    item: string;
    by: string;
    role: string;
    date: string;
    evidence?: string;
    expires: string;
}

function attestationsFile(...attestations: Attestation[]): string {
    return `attestations:\n${attestations
        .map((entry) => Object.entries(entry).map(([key, value], index) => `${index === 0 ? "  - " : "    "}${key}: ${JSON.stringify(value)}`).join("\n"))
        .join("\n")}\n`;
}

const signed = (item: string, by: string, overrides: Partial<Attestation> = {}): Attestation => ({
    item,
    by,
    role: "Administrator",
    date: day(-10),
    evidence: "https://wiki.example.com/go-live/sign-off",
    expires: day(355),
    ...overrides,
});

function item(report: any, id: string) {
    return report.items.find((entry: any) => entry.id === id);
}

function check(dir: string, stack: string, extra: string[] = []) {
    return readinessJson(["check", "--program", dir, "--stack", stack, "--policy-pack", pack, ...extra]);
}

describe("attestations", () => {
    it("attests items with a valid attestation, one expiring today included, and exits 0 when nothing else fails", () => {
        const dir = programCopy("basic", {
            "attestations/dev.yaml": attestationsFile(signed("WP-11.1.1", "Jane Doe", { role: "System Administrator" }), signed("WP-11.1.2", "Sam Roe", { expires: day(0) })),
        });
        const { code, report } = check(dir, "dev");
        expect(code).toBe(0);
        expect(item(report, "WP-11.1.1")).toMatchObject({
            status: "attested",
            verification: "attested",
            violations: [],
            attestation: { by: "Jane Doe", role: "System Administrator", date: day(-10), evidence: "https://wiki.example.com/go-live/sign-off", expires: day(355) },
        });
        expect(item(report, "WP-11.1.2").status).toBe("attested");
        expect(report.summary).toMatchObject({ mandatoryViolations: 0, attested: 2, fail: 0 });
        const text = readiness(["check", "--program", dir, "--stack", "dev", "--policy-pack", pack]);
        expect(text.code).toBe(0);
        expect(text.stdout).toContain(`✅ WP-11.1.1 System Administrator: _________________ Date: _______ — attested by Jane Doe (System Administrator) on ${day(-10)}`);
        expect(text.stdout).toMatch(/Result: PASS, no mandatory violation\n$/);
    });

    it("fails an expired and a future-dated attestation, saying which", () => {
        const dir = programCopy("basic", {
            "attestations/dev.yaml": attestationsFile(
                signed("WP-11.1.1", "Jane Doe", { date: day(-400), expires: day(-1) }),
                signed("WP-11.1.2", "Sam Roe", { date: day(3), expires: day(300) }),
            ),
        });
        const { code, report } = check(dir, "dev");
        expect(code).toBe(1);
        expect(item(report, "WP-11.1.1")).toMatchObject({ status: "fail", violations: [expect.objectContaining({ enforcementLevel: "mandatory", urn: null })] });
        expect(item(report, "WP-11.1.1").violations[0].message).toMatch(new RegExp(`\\nattestation by Jane Doe expired on ${day(-1)}$`));
        expect(item(report, "WP-11.1.2").violations[0].message).toMatch(new RegExp(`\\nattestation by Sam Roe is dated ${day(3)}, in the future$`));
        expect(report.summary.mandatoryViolations).toBe(2);
    });

    it("fails an attestation without an evidence link", () => {
        const { evidence: _evidence, ...withoutEvidence } = signed("WP-11.1.1", "Jane Doe");
        const dir = programCopy("basic", {
            "attestations/dev.yaml": attestationsFile(withoutEvidence, signed("WP-11.1.2", "Sam Roe", { evidence: "in the drawer" })),
        });
        const { report } = check(dir, "dev");
        expect(item(report, "WP-11.1.1").violations[0].message).toMatch(new RegExp(`\\nattestation by Jane Doe \\(${day(-10)}\\) has no evidence link$`));
        expect(item(report, "WP-11.1.2").violations[0].message).toMatch(/\nattestation by Sam Roe \(.*\) has no evidence link$/);
        expect([item(report, "WP-11.1.1").status, item(report, "WP-11.1.2").status]).toEqual(["fail", "fail"]);
    });
});

describe("waivers, and policy-config for the plain CLI", () => {
    // The weak stack fails the password length (resource "db"), bucket protection ("data-0") and
    // bucket encryption (no configuration at all).
    const dir = programCopy("basic", {
        "attestations/weak.yaml": attestationsFile(signed("WP-11.1.1", "Jane Doe"), signed("WP-11.1.2", "Sam Roe", { date: day(-400), expires: day(-5) })),
        "waivers/weak.yaml": [
            "waivers:",
            "  - policy: wp-3.2.1.1-password-length",
            "    resources: [db]",
            "    owner: platform-team@example.com",
            "    reason: legacy client limits passwords to 8 characters",
            `    expires: ${day(30)}`,
            "  - policy: wp-5.1.3.4-buckets-protected",
            "    owner: storage-team@example.com",
            "    reason: migration window",
            `    expires: ${day(-1)}`,
            "  - policy: wp-5.1.3.3-buckets-kms-encrypted",
            "    resources: [some-other-bucket]",
            "    owner: storage-team@example.com",
            "    reason: covers another bucket only",
            `    expires: ${day(30)}`,
            "",
        ].join("\n"),
    });
    const withFiles = check(dir, "weak");
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-"));
    const written = readiness(["policy-config", "--program", dir, "--stack", "weak", "--policy-pack", pack, "--out-dir", outDir]);
    const configFile = path.join(outDir, "fixture-basic.json");

    it("shows a waived item as waived, with who waived it and until when, never as passed", () => {
        expect(item(withFiles.report, "WP-3.2.1.1")).toMatchObject({
            status: "waived",
            violations: [],
            notes: [`waived: 1 violation(s) excused by platform-team@example.com until ${day(30)} (legacy client limits passwords to 8 characters)`],
            waivers: [{ resources: ["db"], owner: "platform-team@example.com", reason: "legacy client limits passwords to 8 characters", expires: day(30) }],
        });
        expect(withFiles.report.summary.waived).toBeGreaterThanOrEqual(1);
        const markdown = readiness(["check", "--program", dir, "--stack", "weak", "--policy-pack", pack, "--format", "markdown"]);
        expect(markdown.stdout).toContain("- [ ] Strong password policy enforced (12+ characters) ⚠️ _waived_\n");
    });

    it("reports an expired waiver as a violation and excuses nothing with it", () => {
        const messages = item(withFiles.report, "WP-5.1.3.4").violations.map((violation: any) => violation.message.split("\n")[1]);
        expect(messages).toEqual([
            'aws:s3/bucket:Bucket "data-0": is not protected against deletion',
            `The waiver owned by storage-team@example.com (migration window) expired on ${day(-1)}: renew it with a new expiry or remove it.`,
        ]);
        expect(item(withFiles.report, "WP-5.1.3.4").status).toBe("fail");
    });

    it("excuses only the resources a waiver names", () => {
        expect(item(withFiles.report, "WP-5.1.3.3")).toMatchObject({ status: "fail", violations: [expect.objectContaining({ urn: null })] });
    });

    it("writes the --policy-pack-config file and prints the pulumi preview command that uses it", () => {
        expect(written.code).toBe(0);
        expect(written.stderr).toBe("");
        expect(written.stdout).toBe(`wrote ${configFile}\nRun: pulumi preview --stack weak --policy-pack ${path.relative(process.cwd(), pack)} --policy-pack-config ${configFile}\n`);
        const config = JSON.parse(fs.readFileSync(configFile, "utf8"));
        expect(Object.keys(config).sort()).toEqual(["wp-11.1.1-system-administrator", "wp-11.1.2-network-administrator", "wp-3.2.1.1-password-length", "wp-5.1.3.3-buckets-kms-encrypted", "wp-5.1.3.4-buckets-protected"]);
        expect(config["wp-11.1.1-system-administrator"]).toEqual({ attestation: { by: "Jane Doe", role: "Administrator", date: day(-10), evidence: "https://wiki.example.com/go-live/sign-off", expires: day(355) } });
        expect(config["wp-3.2.1.1-password-length"]).toEqual({
            waivers: [{ resources: ["db"], owner: "platform-team@example.com", reason: "legacy client limits passwords to 8 characters", expires: day(30) }],
        });
    });

    it("gives the same statuses from the written config alone, without the stack files", () => {
        fs.rmSync(path.join(dir, "attestations"), { recursive: true });
        fs.rmSync(path.join(dir, "waivers"), { recursive: true });
        const fromConfig = check(dir, "weak", ["--policy-pack-config", configFile]);
        const statuses = (report: any) => report.items.map((entry: any) => `${entry.id} ${entry.status} ${entry.violations.length}`);
        expect(statuses(fromConfig.report)).toEqual(statuses(withFiles.report));
        expect(fromConfig.report.summary).toEqual(withFiles.report.summary);
        expect(fromConfig.code).toBe(withFiles.code);
        // Without the files, the report has nothing to show but the packs' answer.
        expect(item(fromConfig.report, "WP-3.2.1.1").status).toBe("waived");
    });
});

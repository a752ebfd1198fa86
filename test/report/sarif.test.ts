// SARIF output validated with ajv against the published SARIF 2.1.0 schema
// (sarif-2.1.0-rtm.5.json, shipped by @microsoft/jest-sarif).
import * as fs from "fs";
import * as path from "path";
import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import { renderSarif } from "../../gate/report/sarif";
import { FIXTURES, ROOT, readiness } from "../helpers/cli";
import { sampleReport } from "./sample-report";

const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", "@microsoft", "jest-sarif", "lib", "schemas", "sarif-2.1.0-rtm.5.json"), "utf8"));
// The published schema is JSON Schema draft-04.
// Its language-tag pattern is not a valid unicode-mode regular expression.
const ajv = new AjvDraft04({ strict: false, allErrors: true, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

describe("--format sarif", () => {
    const run = readiness(["check", "--program", path.join(FIXTURES, "programs", "basic"), "--stack", "weak", "--policy-pack", path.join(FIXTURES, "packs", "basic"), "--format", "sarif"]);
    const sarif = JSON.parse(run.stdout);

    it("is valid SARIF 2.1.0", () => {
        expect(run.code).toBe(1);
        const valid = validate(sarif);
        expect(validate.errors ?? []).toEqual([]);
        expect(valid).toBe(true);
    });

    it("has one rule per policy with its checklist, item and severity", () => {
        const rules = sarif.runs[0].tool.driver.rules;
        expect(rules.map((rule: { id: string }) => rule.id)).toEqual([
            "wp-1.1.1.5-redundant-power",
            "wp-11.1.1-system-administrator",
            "wp-11.1.2-network-administrator",
            "wp-3.2.1.1-password-length",
            "wp-5.1.3.3-buckets-kms-encrypted",
            "wp-5.1.3.4-buckets-protected",
        ]);
        expect(rules[3]).toMatchObject({
            shortDescription: { text: "WP-3.2.1.1 Strong password policy enforced (12+ characters)" },
            help: { text: "Raise the `length` of the RandomPassword." },
            defaultConfiguration: { level: "error" },
            properties: { checklist: "warden-pbx", itemId: "WP-3.2.1.1", severity: "high" },
        });
    });

    it("locates a result at the program line that declared the resource", () => {
        const result = sarif.runs[0].results.find((entry: { ruleId: string }) => entry.ruleId === "wp-3.2.1.1-password-length");
        expect(result).toMatchObject({
            level: "error",
            message: { text: 'random:index/randomPassword:RandomPassword "db": has length 8, below 12' },
            locations: [
                {
                    physicalLocation: { artifactLocation: { uri: "test/fixtures/programs/basic/index.ts", uriBaseId: "%SRCROOT%" }, region: { startLine: 16 } },
                    logicalLocations: [{ fullyQualifiedName: "urn:pulumi:weak::fixture-basic::random:index/randomPassword:RandomPassword::db", kind: "resource" }],
                },
            ],
        });
    });

    it("locates a stack-level result at the stack file", () => {
        const result = sarif.runs[0].results.find((entry: { ruleId: string }) => entry.ruleId === "wp-11.1.1-system-administrator");
        expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe("test/fixtures/programs/basic/Pulumi.weak.yaml");
        expect(sarif.runs[0].results).toHaveLength(5);
    });

    it("stays valid on a hand-written report", () => {
        expect(validate(JSON.parse(renderSarif(sampleReport())))).toBe(true);
        // The schema really is enforced: a result without a message is refused.
        const broken = JSON.parse(renderSarif(sampleReport()));
        delete broken.runs[0].results[0].message;
        expect(validate(broken)).toBe(false);
    });
});

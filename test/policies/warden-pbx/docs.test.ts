// docs/policies/warden-pbx.md is generated from the registry; a stale copy fails here.
import * as fs from "fs";
import * as path from "path";
import { renderPolicyDocs } from "../../../policies/lib/docs";
import { RuleRegistry } from "../../../policies/lib/registry";
import { attested, automatedRule } from "../../../policies/lib/rule";
import { wardenRegistry } from "../../../policies/warden-pbx/registry";
import { ROOT } from "../../helpers/cli";

describe("generated policy documentation", () => {
    it("docs/policies/warden-pbx.md matches the registry (run `npm run docs` after changing rules)", () => {
        const committed = fs.readFileSync(path.join(ROOT, "docs", "policies", "warden-pbx.md"), "utf8");
        expect(committed).toBe(renderPolicyDocs(wardenRegistry()));
    });

    it("lists each item with its policy, how it is verified, its config and remediation, and marks uncovered items", () => {
        const rule = automatedRule<{ minGb: number }>({
            name: "disk",
            items: ["WP-1.1.1.3"],
            description: "Adds up the volumes.",
            severity: "high",
            remediationSteps: "Raise the size.",
            config: { minGb: { type: "integer", default: 100, description: "Smallest size." } },
            validate: () => undefined,
        });
        const docs = renderPolicyDocs(new RuleRegistry("warden-pbx").add(rule, attested("WP-11.1.1", "critical", "signed approval")));
        expect(docs).toContain("| WP-1.1.1.3 | &nbsp;&nbsp;Disk: Minimum 100GB SSD (with growth plan) | `wp-1.1.1.3-disk` | Automated: Adds up the volumes. Config: `minGb` = `100`. | mandatory, high | Raise the size. |");
        expect(docs).toContain("| WP-11.1.1 | System Administrator: _________________ Date: _______ | `wp-11.1.1-system-administrator` | Attested: signed approval. | mandatory, critical |");
        expect(docs).toContain("| WP-1.1.1.1 | &nbsp;&nbsp;CPU: Minimum 4 cores (8 recommended for >100 extensions) | **not covered** | | | |");
        expect(docs).toContain("| WP-1.1.1 | **Hardware Specifications** | group | Passes when all of WP-1.1.1.1, WP-1.1.1.2, WP-1.1.1.3, WP-1.1.1.4, WP-1.1.1.5 pass. | | |");
        expect(docs).toContain("1 items verified by automated rules, 1 by attestation, 321 not covered");
    });
});

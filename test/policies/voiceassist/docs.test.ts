// docs/policies/voiceassist.md is generated from the registry; a stale copy fails here.
import * as fs from "fs";
import * as path from "path";
import { renderPolicyDocs } from "../../../policies/lib/docs";
import { voiceassistRegistry } from "../../../policies/voiceassist/registry";
import { ROOT } from "../../helpers/cli";

describe("generated VoiceAssist policy documentation", () => {
    const committed = fs.readFileSync(path.join(ROOT, "docs", "policies", "voiceassist.md"), "utf8");

    it("docs/policies/voiceassist.md matches the registry (run `npm run docs` after changing rules)", () => {
        expect(committed).toBe(renderPolicyDocs(voiceassistRegistry()));
    });

    it("states the automated share and lists an automated, an attested and a conditional item", () => {
        expect(committed).toContain("302 boxes (0 groups, 302 items): 167 items verified by automated rules, 135 by attestation, 0 not covered.");
        expect(committed).toMatch(/\| VA-6\.1\.2 \| Password authentication enabled \| `va-6\.1\.2-redis-auth` \| Automated: .*Config: `minLength` = `16`\. \| mandatory, critical \|/);
        expect(committed).toMatch(/\| VA-11\.1\.6 \| Business Associate Agreement \(BAA\) signed \| `va-11\.1\.6-business-associate-agreement-baa-signed` \| Attested: .* \| mandatory, critical \|/);
        expect(committed).toMatch(/\| VA-11\.2\.3 \| mTLS for internal services \(optional\) \| `va-11\.2\.3-mtls` \| .* \| advisory, medium \|/);
    });
});

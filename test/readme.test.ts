// The README's examples are what a newcomer copies: its attestation and waiver files must be
// accepted by the gate on the kit's own prod stack, and do what the README says they do.
import * as fs from "fs";
import * as path from "path";
import { ROOT, kitProgram, readinessJson } from "./helpers/cli";

const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const yamlBlock = (key: string) => {
    const block = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]).find((text) => text.startsWith(`${key}:`));
    if (!block) throw new Error(`README has no yaml block starting with ${key}:`);
    return block;
};

interface Item {
    id: string;
    status: string;
}

describe("the README's examples", () => {
    it("attest and waive on the prod stack as the README says", () => {
        const dir = kitProgram("prod", fs.readFileSync(path.join(ROOT, "Pulumi.prod.yaml"), "utf8"));
        fs.mkdirSync(path.join(dir, "attestations"));
        fs.mkdirSync(path.join(dir, "waivers"));
        fs.writeFileSync(path.join(dir, "attestations", "prod.yaml"), yamlBlock("attestations"));
        fs.writeFileSync(path.join(dir, "waivers", "prod.yaml"), yamlBlock("waivers"));
        const run = readinessJson<{ items: Item[] }>(["check", "--program", dir, "--stack", "prod"]);
        expect(run.stderr).toBe("");
        expect(run.code).toBe(1);
        const status = (id: string) => run.report.items.find((item) => item.id === id)?.status;
        // As the README says, an expired attestation or waiver fails its item: the examples age.
        const live = (block: string) => new Date(`${/expires: (\d{4}-\d{2}-\d{2})/.exec(block)![1]}T23:59:59Z`) >= new Date();
        expect(status("WP-11.1.1")).toBe(live(yamlBlock("attestations")) ? "attested" : "fail");
        expect(status("WP-3.3.1.5")).toBe(live(yamlBlock("waivers")) ? "waived" : "fail");
    });
});

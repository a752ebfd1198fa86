import { execFileSync } from "child_process";
import * as path from "path";
import { ChecklistName, checklistItems, cleanText, isConditional, parseChecklist } from "../../../policies/lib/catalog";
import { ROOT } from "../../helpers/cli";

const SHARED = path.resolve(ROOT, "..", "shared");

interface ReferenceItem {
    system: string;
    section: string;
    heading: string;
    parent: string | null;
    text: string;
    depth: number;
}

function reference(checklist: ChecklistName): ReferenceItem[] {
    const output = execFileSync("python3", [path.join(SHARED, "tools", "checklist.py"), path.join(ROOT, "checklists", `${checklist}.md`), checklist], { encoding: "utf8" });
    return output
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line));
}

describe("checklist catalog", () => {
    it.each(["warden-pbx", "voiceassist"] as const)("extracts %s box for box like the reference tool", (checklist) => {
        const items = checklistItems(checklist);
        const expected = reference(checklist);
        expect(items).toHaveLength(expected.length);
        items.forEach((item, index) => {
            const ref = expected[index];
            const parentText = item.parent ? items.find((candidate) => candidate.id === item.parent)!.text : null;
            expect({ section: item.section, heading: item.heading, text: item.text, depth: item.depth, parent: parentText }).toEqual({
                section: ref.section,
                heading: ref.heading,
                text: ref.text,
                depth: ref.depth,
                parent: ref.parent,
            });
        });
    });

    it("keeps the checklists' copies identical to the users' documents", () => {
        const fs = require("fs");
        for (const name of ["warden-pbx.md", "voiceassist.md"]) {
            expect(fs.readFileSync(path.join(ROOT, "checklists", name), "utf8")).toBe(fs.readFileSync(path.join(SHARED, "checklists", name), "utf8"));
        }
    });

    it("counts the boxes the issues name", () => {
        expect(checklistItems("warden-pbx")).toHaveLength(373);
        expect(checklistItems("voiceassist")).toHaveLength(302);
    });

    it("gives stable, unique ids from headings and positions", () => {
        const warden = checklistItems("warden-pbx");
        expect(new Set(warden.map((item) => item.id)).size).toBe(warden.length);
        expect(warden.find((item) => item.id === "WP-1.1.1.1")?.text).toBe("CPU: Minimum 4 cores (8 recommended for >100 extensions)");
        expect(warden.find((item) => item.id === "WP-1.1.3.4.2")?.text).toBe("10000-20000 UDP (RTP)");
        expect(warden.find((item) => item.id === "WP-11.1.1")?.text).toMatch(/^System Administrator:/);
        const voice = checklistItems("voiceassist");
        expect(new Set(voice.map((item) => item.id)).size).toBe(voice.length);
        expect(voice[0]).toMatchObject({ id: "VA-1.1.1", text: "Ubuntu 22.04 LTS or later installed", parent: null });
        expect(voice[voice.length - 1]).toMatchObject({ id: "VA-PDA.6", section: "Post-Deployment Actions", heading: "" });
    });

    it("links groups to their children", () => {
        const ports = checklistItems("warden-pbx").find((item) => item.id === "WP-1.1.3.4")!;
        expect(ports.children).toEqual(["WP-1.1.3.4.1", "WP-1.1.3.4.2", "WP-1.1.3.4.3", "WP-1.1.3.4.4"]);
        expect(ports.parent).toBe("WP-1.1.3");
    });

    it("cleans text as DESIGN.md says", () => {
        expect(cleanText("  **Service** `pbx.service`   file  ")).toBe("Service pbx.service file");
    });

    it("marks optional, recommended and conditional items, and only those", () => {
        expect(isConditional("Multi-factor authentication enabled (optional)", "")).toBe(true);
        expect(isConditional("Dedicated partition for voicemail (recommended)", "")).toBe(true);
        expect(isConditional("SIP trunks configured (if applicable)", "")).toBe(true);
        expect(isConditional("Terraform 1.5+ (for IaC)", "Optional Software")).toBe(true);
        expect(isConditional("Backup retention policy defined (30 days recommended)", "")).toBe(false);
        expect(isConditional("CPU: Minimum 4 cores (8 recommended for >100 extensions)", "")).toBe(false);
    });

    it("parses nested boxes under an unnumbered section", () => {
        const items = parseChecklist("## Extra\n- [ ] A\n  - [ ] B\n- [ ] C\n", "voiceassist");
        expect(items.map((item) => [item.id, item.parent])).toEqual([
            ["VA-E.1", null],
            ["VA-E.1.1", "VA-E.1"],
            ["VA-E.2", null],
        ]);
    });
});

// `readiness diff`: golden outputs on committed reports, and every bad input.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FIXTURES, readiness } from "../helpers/cli";

const dir = path.join(FIXTURES, "reports");
const base = path.join(dir, "base.json");
const head = path.join(dir, "head.json");

describe("readiness diff", () => {
    it("prints the newly failing and newly passing items as markdown (golden)", () => {
        const result = readiness(["diff", base, head]);
        expect(result).toMatchObject({ code: 0, stderr: "" });
        expect(result.stdout).toBe(fs.readFileSync(path.join(dir, "diff.md"), "utf8"));
    });

    it("prints the same as JSON (golden)", () => {
        const result = readiness(["diff", base, head, "--format", "json"]);
        expect(result.code).toBe(0);
        expect(JSON.parse(result.stdout)).toEqual(JSON.parse(fs.readFileSync(path.join(dir, "diff.json"), "utf8")));
        expect(JSON.parse(result.stdout).newlyFailing.map((change: { id: string }) => change.id)).toEqual(["WP-1.1.1.1"]);
    });

    it("says so when nothing changed", () => {
        expect(readiness(["diff", head, head]).stdout).toContain("No checklist item changed status.");
    });

    it("writes --out whole", () => {
        const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "diff-")), "diff.md");
        expect(readiness(["diff", base, head, "--out", out]).code).toBe(0);
        expect(fs.readFileSync(out, "utf8")).toBe(fs.readFileSync(path.join(dir, "diff.md"), "utf8"));
    });

    it.each([
        [["diff", base, path.join(dir, "voiceassist.json")], "voiceassist.json: checklists: the reports cover different checklists"],
        [["diff", base, head, "--format", "html"], "--format: unknown format 'html' for diff (expected markdown or json)"],
        [["diff", base, head, "--out", "/nonexistent-dir/diff.md"], "--out: cannot write /nonexistent-dir/diff.md (ENOENT)"],
        [["diff", base], "diff: needs two reports, BASE.json and HEAD.json (got 1)"],
        [["diff", base, path.join(dir, "missing.json")], "missing.json: file not found"],
        [["diff", base, path.join(dir, "diff.md")], "diff.md: invalid JSON"],
        [["diff", base, path.join(dir, "diff.json")], "diff.json: items: not a `readiness check --format json` report"],
    ])("refuses bad input with one line and exit 2: %j", (args, message) => {
        const result = readiness(args as string[]);
        expect(result.code).toBe(2);
        expect(result.stdout).toBe("");
        expect(result.stderr.trim().split("\n")).toHaveLength(1);
        expect(result.stderr).toContain(message);
    });
});

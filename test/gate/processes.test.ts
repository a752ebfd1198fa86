// No pack process outlives the gate, whatever ends the run: success, a program that throws
// while the packs start, invalid policy config once they run, a pack that dies mid-analysis,
// or the gate itself killed with SIGKILL.
import { execFileSync, spawn } from "child_process";
import * as path from "path";
import { FIXTURES, ROOT, packCopy, programCopy, readiness } from "../helpers/cli";

const basic = path.join(FIXTURES, "programs", "basic");

/** Pids of the processes whose command line holds `marker` (a pack's unique temporary directory). */
function processesOf(marker: string): number[] {
    const lines = execFileSync("ps", ["-eo", "pid=,args="], { encoding: "utf8" }).split("\n");
    return lines.filter((line) => line.includes(marker) && line.includes("pack-host.js")).map((line) => Number(line.trim().split(/\s+/)[0]));
}

/** Polls until `condition` holds; the deadline only bounds a failing test, it asserts no timing. */
async function eventually(condition: () => boolean, what: string, deadlineMs = 20_000): Promise<void> {
    const end = Date.now() + deadlineMs;
    while (!condition()) {
        if (Date.now() > end) {
            throw new Error(`still waiting for: ${what}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}

const STRICT_PACK = `const { PolicyPack } = require("@pulumi/policy");
new PolicyPack("strict", { policies: [{ name: "limit", description: "d", enforcementLevel: "mandatory",
    configSchema: { properties: { limit: { type: "integer" } }, required: ["limit"] }, validateStack: () => undefined }] });
`;

const CRASHING_PACK = `const { PolicyPack } = require("@pulumi/policy");
new PolicyPack("crashing", { policies: [{ name: "dies", description: "d", enforcementLevel: "mandatory",
    validateStack: () => { console.error("Error: out of memory in the rule"); process.exit(3); } }] });
`;

const THROWING_PACK = `const { PolicyPack } = require("@pulumi/policy");
new PolicyPack("throwing", { policies: [{ name: "throws", description: "d", enforcementLevel: "mandatory",
    validateStack: (args) => args.resources[0].props.nothing.deeper }] });
`;

describe("pack processes", () => {
    it("are gone once a run succeeds", async () => {
        const pack = packCopy("third-party");
        expect(readiness(["check", "--program", basic, "--stack", "dev", "--policy-pack", pack]).code).toBe(1);
        await eventually(() => processesOf(pack).length === 0, `no process of ${pack}`);
    });

    it("are gone when the program throws while they start", async () => {
        const pack = packCopy("third-party");
        const result = readiness(["check", "--program", path.join(FIXTURES, "programs", "throws"), "--stack", "dev", "--policy-pack", pack]);
        expect(result.code).toBe(2);
        await eventually(() => processesOf(pack).length === 0, `no process of ${pack}`);
    });

    it("are all gone when one pack's config is invalid", async () => {
        const good = packCopy("third-party");
        const strict = packCopy("third-party", { "index.js": STRICT_PACK });
        const result = readiness(["check", "--program", basic, "--stack", "dev", "--policy-pack", good, "--policy-pack", strict]);
        expect(result).toMatchObject({ code: 2, stderr: "readiness: policy pack strict: limit: invalid policy config: must have required property 'limit'\n" });
        await eventually(() => processesOf(good).length + processesOf(strict).length === 0, "no pack process");
    });

    it("are all gone when one pack dies mid-analysis, which is reported with the pack's own error", async () => {
        const good = packCopy("third-party");
        const crashing = packCopy("third-party", { "index.js": CRASHING_PACK });
        const result = readiness(["check", "--program", basic, "--stack", "dev", "--policy-pack", good, "--policy-pack", crashing]);
        expect(result).toMatchObject({ code: 2, stdout: "", stderr: `readiness: ${crashing}: AnalyzeStack failed: Error: out of memory in the rule\n` });
        await eventually(() => processesOf(good).length + processesOf(crashing).length === 0, "no pack process");
    });

    it("are gone when a rule throws, which is reported with the rule's error", async () => {
        const throwing = packCopy("third-party", { "index.js": THROWING_PACK });
        const result = readiness(["check", "--program", basic, "--stack", "dev", "--policy-pack", throwing]);
        expect(result).toMatchObject({
            code: 2,
            stdout: "",
            stderr: `readiness: ${throwing}: AnalyzeStack failed: Error validating resource with policy 'throws' from policy pack 'throwing@v0.3.0': TypeError: Cannot read properties of undefined (reading 'deeper')\n`,
        });
        await eventually(() => processesOf(throwing).length === 0, "no pack process");
    });

    it("exit on their own when the gate is killed outright", async () => {
        const pack = packCopy("third-party");
        // A program that never finishes: the gate waits for it with the pack already serving.
        const program = programCopy("basic", { "index.ts": "export = async () => new Promise(() => undefined);\n" });
        const gate = spawn(process.execPath, [path.join(ROOT, "bin", "readiness.js"), "check", "--program", program, "--stack", "dev", "--policy-pack", pack], { stdio: "ignore" });
        try {
            await eventually(() => processesOf(pack).length === 1, "the pack to start");
            gate.kill("SIGKILL");
            await eventually(() => processesOf(pack).length === 0, `the pack of a killed gate to exit (${processesOf(pack).join(", ")})`);
        } finally {
            gate.kill("SIGKILL");
        }
    });
});

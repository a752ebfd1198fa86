// The fixture pack run through the gate (its own process, over gRPC) gives the same violations,
// not-applicable results and unknowns as calling its rules directly, in-process, on the
// resources the mock engine records for the same program.
import * as path from "path";
import { loadProject } from "../../gate/project";
import { runProgram } from "../../gate/program";
import { fixtureRegistry } from "../fixtures/packs/basic/rules";
import { FIXTURES, readinessJson } from "../helpers/cli";
import { PolicyRun, analyzeStack } from "../helpers/policy-harness";

const program = path.join(FIXTURES, "programs", "basic");
const pack = path.join(FIXTURES, "packs", "basic");

let direct: PolicyRun;
const gate = readinessJson(["check", "--program", program, "--stack", "weak", "--policy-pack", pack]);

beforeAll(async () => {
    const project = loadProject(program, "weak");
    const run = await runProgram({ dir: project.dir, main: project.main, project: project.name, stack: "weak", config: project.config, preview: false, label: "index.ts" });
    direct = await analyzeStack(fixtureRegistry().policies(), run.resources);
});

const sorted = <T>(values: T[]) => values.map((value) => JSON.stringify(value)).sort();

describe("the fixture pack through the gate and called directly", () => {
    it("finds the same violations: policy, resource, level and message", () => {
        const throughGate = gate.report.items.flatMap((item: any) =>
            item.violations.map((violation: any) => ({
                policy: violation.policy,
                // The SDK puts the policy description first; the rule's message follows.
                message: violation.message.split("\n").slice(1).join("\n"),
                urn: violation.urn ?? undefined,
                enforcementLevel: violation.enforcementLevel,
            })),
        );
        expect(direct.violations.length).toBeGreaterThanOrEqual(5);
        expect(sorted(throughGate)).toEqual(sorted(direct.violations));
    });

    it("finds the same policies not applicable, and none unknown", () => {
        const notApplicable = gate.report.items
            .filter((item: any) => item.status === "not-applicable" && item.verification !== "group")
            .flatMap((item: any) => item.policies.map((policy: string) => ({ policy, reason: item.notes[0] })));
        expect(sorted(notApplicable)).toEqual(sorted(direct.notApplicable));
        expect(direct.unknown).toEqual([]);
        expect(gate.report.summary.unknown).toBe(gate.report.items.filter((item: any) => item.status === "unknown").length);
        expect(gate.report.items.filter((item: any) => item.status === "unknown" && item.policies.length > 0)).toEqual([]);
    });

    it("counts the same mandatory violations, which decide the exit code", () => {
        expect(gate.report.summary.mandatoryViolations).toBe(direct.violations.filter((violation) => violation.enforcementLevel === "mandatory").length);
        expect(gate.code).toBe(1);
    });
});

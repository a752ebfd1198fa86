// Runs the `readiness` binary as a user would, and builds throwaway program directories.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "..", "..");
export const FIXTURES = path.join(ROOT, "test", "fixtures");
const BIN = path.join(ROOT, "bin", "readiness.js");

export interface CliResult {
    code: number;
    stdout: string;
    stderr: string;
}

export function readiness(args: string[], cwd: string = ROOT): CliResult {
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function readinessJson<T = any>(args: string[], cwd?: string): { code: number; report: T; stderr: string } {
    const result = readiness([...args, "--format", "json"], cwd);
    if (result.code === 2) {
        throw new Error(`readiness exited 2: ${result.stderr}`);
    }
    return { code: result.code, report: JSON.parse(result.stdout), stderr: result.stderr };
}

function fixtureCopy(kind: "programs" | "packs", fixture: string, files: Record<string, string | null>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), kind === "programs" ? "readiness-" : "readiness-pack-"));
    fs.cpSync(path.join(FIXTURES, kind, fixture), dir, { recursive: true });
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    for (const [name, content] of Object.entries(files)) {
        const file = path.join(dir, name);
        if (content === null) {
            fs.rmSync(file, { force: true });
        } else {
            fs.mkdirSync(path.dirname(file), { recursive: true });
            fs.writeFileSync(file, content);
        }
    }
    return dir;
}

/**
 * A copy of a fixture program in a temporary directory, with extra or replaced files, and
 * node_modules linked so that the program resolves the kit's packages.
 */
export function programCopy(fixture: string, files: Record<string, string | null> = {}): string {
    return fixtureCopy("programs", fixture, files);
}

/** A copy of a fixture pack, like programCopy (for packs whose imports are packages, not relative paths). */
export function packCopy(fixture: string, files: Record<string, string | null> = {}): string {
    return fixtureCopy("packs", fixture, files);
}

/** An ISO date `days` from today (negative: in the past). */
export function day(days: number): string {
    const date = new Date();
    date.setUTCDate(date.getUTCDate() + days);
    return date.toISOString().slice(0, 10);
}

/**
 * The kit's own program under another stack: a temporary project whose Pulumi.yaml is the kit's
 * (main pointing at the kit's index.ts) and whose stack file is `stackYaml`.
 */
export function kitProgram(stack: string, stackYaml: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "readiness-kit-"));
    const project = fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8").replace(/^main: .*$/m, `main: ${path.join(ROOT, "index.ts")}`);
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), project);
    fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), stackYaml);
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    return dir;
}

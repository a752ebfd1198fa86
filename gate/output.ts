// Writes a report to stdout or to --out. A file is written whole or not at all: the report goes to
// a temporary file beside it that is renamed into place.
import * as fs from "fs";
import * as path from "path";
import { InputError } from "./errors";

/** Fails before any work is done when --out cannot be written. */
export function checkWritable(out: string | undefined, flag = "--out"): void {
    if (!out) {
        return;
    }
    const dir = path.dirname(path.resolve(out));
    try {
        if (!fs.statSync(dir).isDirectory()) {
            throw new Error("not a directory");
        }
        fs.accessSync(dir, fs.constants.W_OK);
        if (fs.existsSync(out)) {
            if (fs.statSync(out).isDirectory()) {
                throw new Error("is a directory");
            }
            fs.accessSync(out, fs.constants.W_OK);
        }
    } catch (error) {
        throw new InputError(flag, `cannot write ${out} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
}

const writeStdout = process.stdout.write.bind(process.stdout);

/**
 * From now on stdout carries the report only: whatever else writes there (the program's
 * console.log, console.debug, process.stdout.write, the SDK's log lines) goes to stderr.
 */
export function reserveStdout(): void {
    process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
}

/** Writes the report; resolves once stdout has taken it, so that exiting cannot cut it short. */
export function writeOutput(text: string, out: string | undefined): Promise<void> | void {
    if (!out) {
        return new Promise((resolve) => writeStdout(text, () => resolve()));
    }
    const temporary = `${out}.${process.pid}.tmp`;
    try {
        fs.writeFileSync(temporary, text);
        fs.renameSync(temporary, out);
    } catch (error) {
        fs.rmSync(temporary, { force: true });
        throw new InputError("--out", `cannot write ${out} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
}

/** Writes several files all or none: every one goes to a temporary file first, then all are renamed. */
export function writeFiles(files: { file: string; text: string }[]): void {
    const written: string[] = [];
    try {
        for (const { file, text } of files) {
            const temporary = `${file}.${process.pid}.tmp`;
            written.push(temporary);
            fs.writeFileSync(temporary, text);
        }
    } catch (error) {
        written.forEach((temporary) => fs.rmSync(temporary, { force: true }));
        throw new InputError("--out-dir", `cannot write ${path.dirname(written[written.length - 1])} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    files.forEach(({ file }, index) => fs.renameSync(written[index], file));
}

// Writes a report to stdout or to --out. A file is written whole or not at all: the report goes to
// a temporary file beside it that is renamed into place.
import * as fs from "fs";
import * as path from "path";
import { InputError } from "./errors";

/** Fails before any work is done when --out cannot be written. */
export function checkWritable(out: string | undefined): void {
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
        throw new InputError("--out", `cannot write ${out} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
}

export function writeOutput(text: string, out: string | undefined): void {
    if (!out) {
        process.stdout.write(text);
        return;
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

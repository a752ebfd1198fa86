import * as fs from "fs";
import * as YAML from "yaml";
import { InputError } from "./errors";

/** Parses a YAML file, or throws an InputError naming the file and the line. */
export function readYamlFile(file: string, label: string = file): unknown {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (error) {
        throw new InputError(label, (error as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : `cannot read (${(error as Error).message})`);
    }
    const document = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
    if (document.errors.length > 0) {
        const first = document.errors[0];
        const line = first.linePos?.[0].line;
        throw new InputError(label, `invalid YAML${line ? ` at line ${line}` : ""}: ${first.message.split("\n")[0]}`);
    }
    return document.toJS();
}

export function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

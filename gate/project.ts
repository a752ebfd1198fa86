// Loads a Pulumi project's Pulumi.yaml and Pulumi.<stack>.yaml into the flat config map the Pulumi
// runtime reads ("namespace:key" -> string), the way the CLI does: project keys are namespaced
// with the project name, typed keys are checked and get their defaults, structured values are
// passed as JSON. Secure values cannot be decrypted without the stack's secrets provider.
import * as fs from "fs";
import * as path from "path";
import { InputError } from "./errors";
import { isRecord, readYamlFile } from "./yaml-file";

export interface Project {
    dir: string;
    name: string;
    /** Absolute path that `require` resolves to the program. */
    main: string;
    stack: string;
    description?: string;
    config: Record<string, string>;
    /** The project file and stack file names, for messages. */
    projectFile: string;
    stackFile: string;
}

const CONFIG_TYPES = ["string", "boolean", "integer", "array"] as const;
type ConfigType = (typeof CONFIG_TYPES)[number];

interface ConfigDeclaration {
    type: ConfigType;
    items?: ConfigType;
    default?: unknown;
}

function matchesType(value: unknown, type: ConfigType, items?: ConfigType): boolean {
    switch (type) {
        case "string":
            return typeof value === "string";
        case "boolean":
            return typeof value === "boolean";
        case "integer":
            return typeof value === "number" && Number.isInteger(value);
        case "array":
            return Array.isArray(value) && (items === undefined || value.every((element) => matchesType(element, items)));
    }
}

function asConfigString(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

/** Where a `secure:` value hides in a config value, structured ones included (e.g. "app:db.password"). */
function securePath(value: unknown, where: string): string | undefined {
    if (Array.isArray(value)) {
        for (const [index, element] of value.entries()) {
            const found = securePath(element, `${where}[${index}]`);
            if (found) {
                return found;
            }
        }
    } else if (isRecord(value)) {
        if (Object.keys(value).length === 1 && "secure" in value) {
            return where;
        }
        for (const [key, element] of Object.entries(value)) {
            const found = securePath(element, `${where}.${key}`);
            if (found) {
                return found;
            }
        }
    }
    return undefined;
}

function findProjectFile(dir: string): string {
    for (const candidate of ["Pulumi.yaml", "Pulumi.yml"]) {
        if (fs.existsSync(path.join(dir, candidate))) {
            return candidate;
        }
    }
    throw new InputError(path.join(dir, "Pulumi.yaml"), "file not found: the program directory must hold a Pulumi project file");
}

function parseDeclaration(file: string, key: string, entry: Record<string, unknown>): ConfigDeclaration {
    const type = entry.type;
    if (!CONFIG_TYPES.includes(type as ConfigType)) {
        throw new InputError(file, `config.${key}.type: must be one of ${CONFIG_TYPES.join(", ")}`);
    }
    let items: ConfigType | undefined;
    if (type === "array") {
        const itemType = isRecord(entry.items) ? entry.items.type : undefined;
        if (!CONFIG_TYPES.includes(itemType as ConfigType) || itemType === "array") {
            throw new InputError(file, `config.${key}.items.type: an array needs items of type string, boolean or integer`);
        }
        items = itemType as ConfigType;
    }
    const declaration: ConfigDeclaration = { type: type as ConfigType, items, default: entry.default };
    if (entry.default !== undefined && !matchesType(entry.default, declaration.type, items)) {
        throw new InputError(file, `config.${key}.default: must be of type ${type}${items ? ` of ${items}` : ""}`);
    }
    return declaration;
}

export function loadProject(programDir: string, stack: string): Project {
    const dir = path.resolve(programDir);
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
        throw new InputError("--program", `${programDir} is not a directory`);
    }
    const projectFileName = findProjectFile(dir);
    const projectFile = path.join(programDir, projectFileName);
    const raw = readYamlFile(path.join(dir, projectFileName), projectFile);
    if (!isRecord(raw)) {
        throw new InputError(projectFile, "must be a YAML mapping with at least name and runtime");
    }
    const name = raw.name;
    if (typeof name !== "string" || !/^[A-Za-z0-9_.-]+$/.test(name)) {
        throw new InputError(projectFile, "name: required, letters, digits, hyphens, underscores and periods only");
    }
    const runtime = isRecord(raw.runtime) ? raw.runtime.name : raw.runtime;
    if (runtime !== "nodejs") {
        throw new InputError(projectFile, `runtime: ${runtime === undefined ? "required" : `'${String(runtime)}' is not supported; the gate runs nodejs programs`}`);
    }
    if (raw.main !== undefined && typeof raw.main !== "string") {
        throw new InputError(projectFile, "main: must be a path relative to the project file");
    }

    // Project-level config: typed declarations (with defaults) and plain values.
    const config: Record<string, string> = {};
    const declarations = new Map<string, ConfigDeclaration>();
    const projectConfig = raw.config ?? {};
    if (!isRecord(projectConfig)) {
        throw new InputError(projectFile, "config: must be a mapping of keys to values or declarations");
    }
    for (const [key, entry] of Object.entries(projectConfig)) {
        const fullKey = key.includes(":") ? key : `${name}:${key}`;
        if (isRecord(entry) && "value" in entry) {
            config[fullKey] = asConfigString(entry.value);
        } else if (isRecord(entry)) {
            if (key.includes(":") && !key.startsWith(`${name}:`)) {
                throw new InputError(projectFile, `config.${key}: a typed declaration is only valid for project keys; use 'value:' for provider config`);
            }
            const declaration = parseDeclaration(projectFile, key, entry);
            declarations.set(fullKey, declaration);
            if (declaration.default !== undefined) {
                config[fullKey] = asConfigString(declaration.default);
            }
        } else if (entry !== null && entry !== undefined) {
            config[fullKey] = asConfigString(entry);
        }
    }

    // The stack file: values override defaults, and must match declared types.
    const stackConfigDir = typeof raw.stackConfigDir === "string" ? raw.stackConfigDir : ".";
    const stackFileName = path.join(stackConfigDir, `Pulumi.${stack}.yaml`);
    const stackFile = path.join(programDir, stackFileName);
    if (!/^[A-Za-z0-9_.-]+$/.test(stack)) {
        throw new InputError("--stack", `'${stack}' is not a valid stack name`);
    }
    if (!fs.existsSync(path.join(dir, stackFileName))) {
        throw new InputError(stackFile, `stack '${stack}' not found: no such stack file in ${programDir}`);
    }
    const stackRaw = readYamlFile(path.join(dir, stackFileName), stackFile) ?? {};
    if (!isRecord(stackRaw)) {
        throw new InputError(stackFile, "must be a YAML mapping");
    }
    if (stackRaw.environment !== undefined) {
        throw new InputError(stackFile, "environment: Pulumi ESC environments cannot be opened offline; put the values in config");
    }
    const stackConfig = stackRaw.config ?? {};
    if (!isRecord(stackConfig)) {
        throw new InputError(stackFile, "config: must be a mapping of namespaced keys to values");
    }
    for (const [key, value] of Object.entries(stackConfig)) {
        if (!/^[A-Za-z0-9_.-]+:[A-Za-z0-9_.:-]+$/.test(key)) {
            throw new InputError(stackFile, `config.${key}: keys must be namespaced, e.g. ${name}:${key}`);
        }
        const secure = securePath(value, key);
        if (secure) {
            throw new InputError(
                stackFile,
                `config.${secure}: is a secure value, which cannot be decrypted offline; the gate needs plain values or secrets generated in the program (@pulumi/random)`,
            );
        }
        const declaration = declarations.get(key);
        if (declaration && !matchesType(value, declaration.type, declaration.items)) {
            throw new InputError(stackFile, `config.${key}: must be of type ${declaration.type}${declaration.items ? ` of ${declaration.items}` : ""}`);
        }
        config[key] = asConfigString(value);
    }
    for (const key of declarations.keys()) {
        if (config[key] === undefined) {
            throw new InputError(stackFile, `config.${key}: required (declared in ${projectFileName} without a default)`);
        }
    }

    return {
        dir,
        name,
        main: path.resolve(dir, typeof raw.main === "string" ? raw.main : "."),
        stack,
        ...(typeof raw.description === "string" ? { description: raw.description } : {}),
        config,
        projectFile,
        stackFile,
    };
}

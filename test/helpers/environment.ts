// A program's resources as editable fixture specs: rule tests start from a compliant environment
// and change one property to make a rule fail, or make one value unknown. Hosts' cloud-config is
// kept apart (cloud + files) and rendered into every launch template or instance whose userData is
// USER_DATA.
import * as YAML from "yaml";
import { FixtureResource, UNKNOWN, resource } from "./policy-harness";

export { UNKNOWN };

export interface Spec {
    type: string;
    name: string;
    props: Record<string, unknown>;
    /** Property -> names of the resources it refers to. */
    deps: Record<string, string[]>;
    protect?: boolean;
    provider?: string;
}

export interface WriteFile {
    content: string;
    permissions?: string;
    owner?: string;
    defer?: boolean;
}

/** Placeholder replaced by the rendered cloud-config (base64). */
export const USER_DATA = "<rendered cloud-config>";

type Path = string | (string | number)[];

function splitPath(path: Path): (string | number)[] {
    return Array.isArray(path) ? path : path.split(".").map((key) => (/^\d+$/.test(key) ? Number(key) : key));
}

export class Environment {
    readonly specs: Spec[] = [];
    /** The PBX host's cloud-config, without write_files (kept in `files`). */
    cloud: Record<string, unknown> = {};
    readonly files = new Map<string, WriteFile>();

    add(type: string, name: string, props: Record<string, unknown>, deps: Record<string, string[]> = {}, extra: { protect?: boolean; provider?: string } = {}): this {
        if (this.specs.some((spec) => spec.name === name)) {
            throw new Error(`fixture ${name} defined twice`);
        }
        // A copy: fixtures share constants (configs, rule lists) that a test must not change for the next one.
        this.specs.push({ type, name, props: structuredClone(props), deps, ...extra });
        return this;
    }

    spec(name: string): Spec {
        const found = this.specs.find((spec) => spec.name === name);
        if (!found) {
            throw new Error(`no fixture named ${name}`);
        }
        return found;
    }

    /** Sets a (nested) property: set("pbx-lt", "metadataOptions.httpTokens", "optional"). */
    set(name: string, path: Path, value: unknown): this {
        const keys = splitPath(path);
        let current: Record<string | number, unknown> = this.spec(name).props;
        for (const key of keys.slice(0, -1)) {
            if (current[key] === undefined || current[key] === null || typeof current[key] !== "object") {
                current[key] = typeof keys[keys.indexOf(key) + 1] === "number" ? [] : {};
            }
            current = current[key] as Record<string | number, unknown>;
        }
        const last = keys[keys.length - 1];
        if (value === undefined) {
            if (Array.isArray(current) && typeof last === "number") {
                current.splice(last, 1);
            } else {
                delete current[last];
            }
        } else {
            current[last] = value;
        }
        return this;
    }

    /** Replaces the names a property refers to. */
    depend(name: string, property: string, targets: string[]): this {
        const spec = this.spec(name);
        if (targets.length === 0) {
            delete spec.deps[property];
        } else {
            spec.deps[property] = targets;
        }
        return this;
    }

    remove(...names: string[]): this {
        for (const name of names) {
            const index = this.specs.findIndex((spec) => spec.name === name);
            if (index < 0) {
                throw new Error(`no fixture named ${name}`);
            }
            this.specs.splice(index, 1);
        }
        return this;
    }

    file(path: string, content: string, options: Omit<WriteFile, "content"> = {}): this {
        this.files.set(path, { content, ...options });
        return this;
    }

    editFile(path: string, edit: (content: string) => string): this {
        const file = this.files.get(path);
        if (!file) {
            throw new Error(`no file ${path} in the fixture cloud-config`);
        }
        const changed = edit(file.content);
        if (changed === file.content) {
            throw new Error(`editing ${path} changed nothing`);
        }
        file.content = changed;
        return this;
    }

    removeFile(path: string): this {
        if (!this.files.delete(path)) {
            throw new Error(`no file ${path} in the fixture cloud-config`);
        }
        return this;
    }

    /** Edits a list of the cloud-config (runcmd, packages, ...). */
    list(key: string, edit: (entries: unknown[]) => unknown[]): this {
        this.cloud[key] = edit([...((this.cloud[key] as unknown[]) ?? [])]);
        return this;
    }

    /** Replaces the runcmd lines matching `pattern` (or drops them when `replacement` is undefined). */
    command(pattern: RegExp, replacement?: string): this {
        const before = (this.cloud.runcmd as string[]) ?? [];
        if (!before.some((line) => pattern.test(line))) {
            throw new Error(`no runcmd line matches ${pattern}`);
        }
        this.cloud.runcmd = before.flatMap((line) => (pattern.test(line) ? (replacement === undefined ? [] : [replacement]) : [line]));
        return this;
    }

    renderCloudConfig(): string {
        const writeFiles = [...this.files.entries()].map(([path, file]) => ({ path, ...file }));
        return `#cloud-config\n${YAML.stringify({ ...this.cloud, write_files: writeFiles })}`;
    }

    resources(): FixtureResource[] {
        const rendered = Buffer.from(this.renderCloudConfig()).toString("base64");
        const build = (spec: Spec, byName: Map<string, FixtureResource>) => {
            const props = spec.props.userData === USER_DATA ? { ...spec.props, userData: rendered } : spec.props;
            const dependsOn = Object.fromEntries(Object.entries(spec.deps).map(([key, names]) => [key, names.map((name) => byName.get(name)).filter((entry): entry is FixtureResource => entry !== undefined)]));
            return resource(spec.type, spec.name, props, { dependsOn, protect: spec.protect, provider: spec.provider ? byName.get(spec.provider) : undefined });
        };
        // Two passes: the first gives every fixture its URN, the second wires dependencies.
        const first = new Map(this.specs.map((spec) => [spec.name, resource(spec.type, spec.name, {})]));
        return this.specs.map((spec) => build(spec, first));
    }
}

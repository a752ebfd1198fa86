// Builds the blueprints the stack enables. All config is read and validated first, every bad key
// reported at once, before any resource is registered.
import { ConfigReader, ConfigSource, pulumiConfigSource } from "./config";

/** A blueprint: validates its config, then builds its resources. */
export interface Blueprint {
    /** Reads and checks the blueprint's config; problems go to the reader. */
    readConfig(reader: ConfigReader): unknown;
    /** Builds the environment from a config `readConfig` returned without problems. */
    build(config: unknown): Record<string, unknown>;
}

export const BLUEPRINTS: Record<string, Blueprint> = {};

export function enabledBlueprints(reader: ConfigReader): string[] {
    const names = reader.stringArray("blueprints", []);
    for (const name of names) {
        if (!(name in BLUEPRINTS)) {
            reader.problem("blueprints", `unknown blueprint '${name}' (available: ${Object.keys(BLUEPRINTS).join(", ") || "none"})`);
        }
    }
    if (new Set(names).size !== names.length) {
        reader.problem("blueprints", "lists a blueprint twice");
    }
    return names.filter((name) => name in BLUEPRINTS);
}

export function buildEnvironment(source: ConfigSource = pulumiConfigSource()): Record<string, unknown> {
    const reader = new ConfigReader(source);
    const names = enabledBlueprints(reader);
    const configs = names.map((name) => [name, BLUEPRINTS[name].readConfig(reader)] as const);
    reader.throwIfInvalid();
    const outputs: Record<string, unknown> = {};
    for (const [name, config] of configs) {
        outputs[name] = BLUEPRINTS[name].build(config);
    }
    return outputs;
}

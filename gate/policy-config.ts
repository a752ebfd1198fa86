// Policy config, as the Pulumi CLI builds it for a pack: each policy starts at its own
// enforcement level with the defaults of its config schema, then each config layer applies
// ("all" sets every level; a policy's entry sets its level and properties), and the result is
// validated against the policy's schema. The layers are the stack's attestations and waivers
// (so the plain CLI sees the same through `readiness policy-config`) and the user's
// --policy-pack-config files.
import * as fs from "fs";
import Ajv, { ErrorObject } from "ajv";
import { findItem } from "../policies/lib/catalog";
import { parseDay } from "../policies/lib/dates";
import { AnalyzerInfo, EnforcementLevel, PolicyConfig, PolicyInfo } from "./analyzer";
import { InputError } from "./errors";
import { isRecord, readYamlFile } from "./yaml-file";

export interface ConfigLayer {
    /** The file the layer came from, for messages. */
    source: string;
    entries: Record<string, unknown>;
}

export interface AttestationRecord {
    item: string;
    by: string;
    role: string;
    date: string;
    evidence?: string;
    expires: string;
}

export interface WaiverRecord {
    policy: string;
    resources?: string[];
    owner: string;
    reason: string;
    expires: string;
}

const LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

function requireString(source: string, where: string, value: unknown, optional = false): string | undefined {
    if (value === undefined && optional) {
        return undefined;
    }
    if (typeof value !== "string" || value.trim() === "") {
        throw new InputError(source, `${where}: required, a non-empty string`);
    }
    return value;
}

function requireDate(source: string, where: string, value: unknown): string {
    if (parseDay(value) === undefined) {
        throw new InputError(source, `${where}: must be a date written YYYY-MM-DD`);
    }
    return value as string;
}

function checkKeys(source: string, where: string, entry: Record<string, unknown>, allowed: string[]): void {
    const unknown = Object.keys(entry).find((key) => !allowed.includes(key));
    if (unknown) {
        throw new InputError(source, `${where}.${unknown}: unknown key (expected ${allowed.join(", ")})`);
    }
}

function listIn(file: string, label: string, key: string): Record<string, unknown>[] | undefined {
    if (!fs.existsSync(file)) {
        return undefined;
    }
    const document = readYamlFile(file, label) ?? {};
    if (!isRecord(document)) {
        throw new InputError(label, `must be a mapping with a '${key}' list`);
    }
    checkKeys(label, "(top level)", document, [key]);
    const list = document[key] ?? [];
    if (!Array.isArray(list)) {
        throw new InputError(label, `${key}: must be a list`);
    }
    return list.map((entry, index) => {
        if (!isRecord(entry)) {
            throw new InputError(label, `${key}[${index}]: must be a mapping`);
        }
        return entry;
    });
}

/** Reads attestations/<stack>.yaml; a missing file means no attestations. */
export function loadAttestations(file: string, label: string): AttestationRecord[] {
    const entries = listIn(file, label, "attestations") ?? [];
    const seen = new Set<string>();
    return entries.map((entry, index) => {
        const where = `attestations[${index}]`;
        checkKeys(label, where, entry, ["item", "by", "role", "date", "evidence", "expires"]);
        const item = requireString(label, `${where}.item`, entry.item) as string;
        if (!findItem(item)) {
            throw new InputError(label, `${where}.item: '${item}' is not a checklist item id (see \`readiness catalog\`)`);
        }
        if (seen.has(item)) {
            throw new InputError(label, `${where}.item: '${item}' is attested twice`);
        }
        seen.add(item);
        const evidence = entry.evidence === null ? undefined : requireString(label, `${where}.evidence`, entry.evidence, true);
        return {
            item,
            by: requireString(label, `${where}.by`, entry.by) as string,
            role: requireString(label, `${where}.role`, entry.role) as string,
            date: requireDate(label, `${where}.date`, entry.date),
            ...(evidence !== undefined ? { evidence } : {}),
            expires: requireDate(label, `${where}.expires`, entry.expires),
        };
    });
}

/** Reads waivers/<stack>.yaml; a missing file means no waivers. */
export function loadWaivers(file: string, label: string): WaiverRecord[] {
    const entries = listIn(file, label, "waivers") ?? [];
    return entries.map((entry, index) => {
        const where = `waivers[${index}]`;
        checkKeys(label, where, entry, ["policy", "resources", "owner", "reason", "expires"]);
        let resources: string[] | undefined;
        if (entry.resources !== undefined) {
            if (!Array.isArray(entry.resources) || entry.resources.some((resource) => typeof resource !== "string" || resource === "")) {
                throw new InputError(label, `${where}.resources: must be a list of resource names or URNs`);
            }
            resources = entry.resources as string[];
        }
        return {
            policy: requireString(label, `${where}.policy`, entry.policy) as string,
            ...(resources ? { resources } : {}),
            owner: requireString(label, `${where}.owner`, entry.owner) as string,
            reason: requireString(label, `${where}.reason`, entry.reason) as string,
            expires: requireDate(label, `${where}.expires`, entry.expires),
        };
    });
}

function acceptsAttestation(policy: PolicyInfo): boolean {
    return policy.configSchema?.properties.attestation !== undefined;
}

/**
 * The config layer, per pack, that carries the stack's attestations and waivers. Every
 * attestation must land on an attested policy and every waiver on a policy of some pack.
 */
export function stackLayers(
    packs: AnalyzerInfo[],
    attestations: AttestationRecord[],
    waivers: WaiverRecord[],
    files: { attestations: string; waivers: string },
): Map<string, ConfigLayer> {
    const layers = new Map<string, ConfigLayer>(packs.map((pack) => [pack.name, { source: `${files.attestations}, ${files.waivers}`, entries: {} }]));
    const entry = (pack: AnalyzerInfo, policy: string): Record<string, unknown> => {
        const entries = layers.get(pack.name)!.entries;
        entries[policy] = entries[policy] ?? {};
        return entries[policy] as Record<string, unknown>;
    };
    attestations.forEach((attestation, index) => {
        const targets = packs.flatMap((pack) => pack.policies.filter((policy) => policy.framework?.reference === attestation.item).map((policy) => ({ pack, policy })));
        if (targets.length === 0) {
            return; // The item's pack is not part of this run.
        }
        const attestable = targets.filter(({ policy }) => acceptsAttestation(policy));
        if (attestable.length === 0) {
            throw new InputError(files.attestations, `attestations[${index}].item: ${attestation.item} is verified from the program, not attested`);
        }
        const { item: _item, ...record } = attestation;
        for (const { pack, policy } of attestable) {
            entry(pack, policy.name).attestation = record;
        }
    });
    waivers.forEach((waiver, index) => {
        const pack = packs.find((candidate) => candidate.policies.some((policy) => policy.name === waiver.policy));
        if (!pack) {
            throw new InputError(files.waivers, `waivers[${index}].policy: no policy '${waiver.policy}' in the packs (${packs.map((p) => p.name).join(", ")})`);
        }
        const { policy, ...record } = waiver;
        const target = entry(pack, policy);
        target.waivers = [...((target.waivers as unknown[] | undefined) ?? []), record];
    });
    return layers;
}

/** Reads a --policy-pack-config file: {"all": level, "<policy>": level | {enforcementLevel?, ...properties}}. */
export function loadConfigFile(file: string): ConfigLayer {
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new InputError(file, code === "ENOENT" ? "file not found" : `invalid JSON (${(error as Error).message})`);
    }
    if (!isRecord(parsed)) {
        throw new InputError(file, "must be a JSON object keyed by policy name");
    }
    return { source: file, entries: parsed };
}

const ajv = new Ajv({ strict: false, allErrors: false, useDefaults: false });
const validators = new Map<string, ReturnType<typeof ajv.compile>>();

/** Policies of a pack mostly share schemas; compile each distinct one once. */
function validatorFor(schema: object): ReturnType<typeof ajv.compile> {
    const key = JSON.stringify(schema);
    let validate = validators.get(key);
    if (!validate) {
        validate = ajv.compile(schema);
        validators.set(key, validate);
    }
    return validate;
}

function describeError(error: ErrorObject): string {
    const where = error.instancePath.replace(/^\//, "").replace(/\//g, ".");
    const extra = error.keyword === "additionalProperties" ? ` '${(error.params as { additionalProperty: string }).additionalProperty}'` : "";
    return `${where ? `${where}: ` : ""}${error.message ?? "invalid"}${extra}`;
}

function levelOf(source: string, where: string, value: unknown): EnforcementLevel {
    if (!LEVELS.includes(value as EnforcementLevel)) {
        throw new InputError(source, `${where}: enforcement level must be one of ${LEVELS.join(", ")}`);
    }
    return value as EnforcementLevel;
}

/** The config each policy of a pack runs with, validated against its schema. */
export function reconcile(pack: AnalyzerInfo, layers: ConfigLayer[]): Record<string, PolicyConfig> {
    const result: Record<string, PolicyConfig> = {};
    const sources: Record<string, string> = {};
    for (const policy of pack.policies) {
        const defaults: Record<string, unknown> = {};
        for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
            if (isRecord(schema) && schema.default !== undefined) {
                defaults[key] = schema.default;
            }
        }
        result[policy.name] = { enforcementLevel: policy.enforcementLevel, properties: defaults };
        sources[policy.name] = `policy pack ${pack.name}`;
    }
    for (const layer of layers) {
        for (const [key, value] of Object.entries(layer.entries)) {
            if (key === "all") {
                const level = levelOf(layer.source, "all", isRecord(value) ? value.enforcementLevel : value);
                Object.values(result).forEach((config) => (config.enforcementLevel = level));
                continue;
            }
            const config = result[key];
            if (!config) {
                throw new InputError(layer.source, `${key}: no policy of that name in pack ${pack.name}`);
            }
            sources[key] = layer.source;
            if (typeof value === "string") {
                config.enforcementLevel = levelOf(layer.source, key, value);
            } else if (isRecord(value)) {
                const { enforcementLevel, ...properties } = value;
                if (enforcementLevel !== undefined) {
                    config.enforcementLevel = levelOf(layer.source, `${key}.enforcementLevel`, enforcementLevel);
                }
                config.properties = { ...config.properties, ...properties };
            } else {
                throw new InputError(layer.source, `${key}: must be an enforcement level or an object of properties`);
            }
        }
    }
    for (const policy of pack.policies) {
        const schema = { type: "object", properties: policy.configSchema?.properties ?? {}, required: policy.configSchema?.required ?? [] };
        const validate = validatorFor(schema);
        if (!validate(result[policy.name].properties)) {
            const error = validate.errors?.[0];
            throw new InputError(sources[policy.name], `${policy.name}: invalid policy config: ${error ? describeError(error) : "does not match the schema"}`);
        }
    }
    return result;
}

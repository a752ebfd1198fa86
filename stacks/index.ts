// Builds the blueprints the stack enables. All config is read and validated first, every bad key
// reported at once, before any resource is registered.
import { AccountBaseline } from "../components/security/account-baseline";
import { ConfigReader, ConfigSource, LOG_RETENTION_DAYS, pulumiConfigSource } from "./config";
import { WardenPbx } from "./warden-pbx";
import { WardenPbxConfig, readWardenPbxConfig } from "./warden-pbx-config";
import { VoiceAssist } from "./voiceassist";
import { VoiceAssistConfig, readVoiceAssistConfig } from "./voiceassist-config";

/** A blueprint: validates its config, then builds its resources. */
export interface Blueprint {
    /** Reads and checks the blueprint's config; problems go to the reader. */
    readConfig(reader: ConfigReader): unknown;
    /** Builds the environment from a config `readConfig` returned without problems. */
    build(config: unknown): Record<string, unknown>;
}

export const BLUEPRINTS: Record<string, Blueprint> = {
    "warden-pbx": {
        readConfig: readWardenPbxConfig,
        build: (config) => {
            const pbx = new WardenPbx("warden-pbx", config as WardenPbxConfig);
            return { sipAddress: pbx.sipAddress, portalUrl: pbx.portalUrl };
        },
    },
    voiceassist: {
        readConfig: readVoiceAssistConfig,
        build: (config) => ({ url: new VoiceAssist("voiceassist", config as VoiceAssistConfig).url }),
    },
};

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

/** The account baseline's config: its audit trail serves every enabled blueprint, so the strictest one sets the minimum. */
export function readAccountConfig(reader: ConfigReader, blueprints: string[]): { auditRetentionDays: number } {
    const bounds = blueprints.includes("voiceassist") ? { min: 2557, why: "VoiceAssist keeps HIPAA audit logs 7 years" } : { min: 365, why: "audit trails are kept at least a year" };
    const auditRetentionDays = reader.integer("auditRetentionDays", 2557, bounds);
    if (auditRetentionDays >= bounds.min && !LOG_RETENTION_DAYS.includes(auditRetentionDays)) {
        reader.problem("auditRetentionDays", `CloudWatch Logs keeps ${LOG_RETENTION_DAYS.filter((days) => days >= bounds.min).join(", ")} days, not ${auditRetentionDays}`);
    }
    return { auditRetentionDays };
}

/** Every setting of the project: the keys the readers of every blueprint and of the account ask for. */
export function knownConfigKeys(): Set<string> {
    const scratch = new ConfigReader({ name: "scratch", get: () => undefined, keys: () => [] });
    enabledBlueprints(scratch);
    Object.values(BLUEPRINTS).forEach((blueprint) => blueprint.readConfig(scratch));
    readAccountConfig(scratch, []);
    return scratch.keysRead;
}

export function buildEnvironment(source: ConfigSource = pulumiConfigSource()): Record<string, unknown> {
    const reader = new ConfigReader(source);
    const names = enabledBlueprints(reader);
    const configs = names.map((name) => [name, BLUEPRINTS[name].readConfig(reader)] as const);
    const { auditRetentionDays } = readAccountConfig(reader, names);
    reader.refuseUnknownKeys(knownConfigKeys());
    reader.throwIfInvalid();
    const outputs: Record<string, unknown> = {};
    if (names.length > 0) {
        // Account-wide services exist once, whatever blueprints the stack holds.
        new AccountBaseline("account", { auditRetentionDays, tags: { "readiness:component": "account-baseline" } });
    }
    for (const [name, config] of configs) {
        outputs[name] = BLUEPRINTS[name].build(config);
    }
    return outputs;
}

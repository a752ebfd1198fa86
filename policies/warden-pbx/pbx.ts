// How the Warden PBX application shows in a host's cloud-init: its systemd unit
// (/etc/systemd/system/pbx.service), the app directory (the unit's WorkingDirectory), the
// config.yml the app reads from that directory (written by cloud-init, directly or through a
// symbolic link), and the EnvironmentFile holding its secrets (.env).
import { PolicyResource } from "@pulumi/policy";
import * as YAML from "yaml";
import { CloudConfig, filesOf } from "../lib/cloud-init";
import { resolvePath } from "../lib/host-files";
import { Host, ROLE_TAG, eachHostConfig, pbxHosts } from "../lib/hosts";
import { primaryPostgres } from "../lib/databases";
import { RuleContext } from "../lib/rule";
import { Unit, environmentFiles, unitFile } from "../lib/systemd";

export const PBX_SERVICE = "pbx";
export const PBX_NAMESPACE = "Warden/PBX";
export const NO_PBX_HOST = `no PBX host: no EC2 instance is tagged ${ROLE_TAG}=pbx or readiness:extensions`;

type Context = Pick<RuleContext<unknown>, "resources" | "report">;

/** Runs `check` for each PBX host with its parsed cloud-config. */
export function eachPbxHost(context: Context, check: (host: Host, config: CloudConfig, source: PolicyResource) => void): void {
    eachHostConfig(pbxHosts(context.resources), NO_PBX_HOST, context.report, check);
}

export function pbxUnit(config: CloudConfig): Unit | undefined {
    return unitFile(config, PBX_SERVICE);
}

export interface PbxConfigFile {
    /** The path the app reads (WorkingDirectory/config.yml). */
    path: string;
    /** The file cloud-init writes, after following links. */
    source: string;
    data: Record<string, unknown>;
}

/** The app's config.yml, or why it cannot be read. */
export function pbxConfig(config: CloudConfig): PbxConfigFile | string {
    const unit = pbxUnit(config);
    if (!unit) {
        return `writes no ${PBX_SERVICE}.service unit, so the PBX app directory and its config.yml cannot be found`;
    }
    const directory = unit.get("Service", "WorkingDirectory");
    if (!directory) {
        return `${unit.path} sets no WorkingDirectory, so the config.yml the PBX reads cannot be found`;
    }
    const path = `${directory.replace(/\/+$/, "")}/config.yml`;
    const source = resolvePath(config, path);
    const file = filesOf(config).get(source);
    if (!file) {
        return `writes no ${path}${source !== path ? ` (linked to ${source})` : ""}: the PBX configuration is not part of the program`;
    }
    let data: unknown;
    try {
        data = YAML.parse(file.content);
    } catch (error) {
        return `${source} is not valid YAML (${(error as Error).message.split("\n")[0]})`;
    }
    if (!data || typeof data !== "object") {
        return `${source} is empty`;
    }
    return { path, source, data: data as Record<string, unknown> };
}

/** A dotted path into config.yml ("security.fips_mode"). */
export function setting(data: Record<string, unknown>, path: string): unknown {
    let current: unknown = data;
    for (const key of path.split(".")) {
        if (!current || typeof current !== "object") {
            return undefined;
        }
        current = (current as Record<string, unknown>)[key];
    }
    return current;
}

/** Runs `check` with each PBX host's config.yml; reports hosts where it cannot be read. */
export function eachPbxConfig(context: Context, check: (file: PbxConfigFile, source: PolicyResource, host: Host, config: CloudConfig) => void): void {
    eachPbxHost(context, (host, config, source) => {
        const file = pbxConfig(config);
        if (typeof file === "string") {
            context.report(file, source);
        } else {
            check(file, source, host, config);
        }
    });
}

/** EnvironmentFile= paths of the PBX unit. */
export function pbxEnvironmentFiles(config: CloudConfig): string[] {
    const unit = pbxUnit(config);
    return unit ? environmentFiles(unit) : [];
}

/** The app directory (WorkingDirectory of the unit). */
export function pbxDirectory(config: CloudConfig): string | undefined {
    return pbxUnit(config)?.get("Service", "WorkingDirectory")?.replace(/\/+$/, "");
}

/** A config.yml path relative to the app directory made absolute. */
export function appPath(config: CloudConfig, value: string): string {
    if (value.startsWith("/")) {
        return value.replace(/\/+$/, "");
    }
    return `${pbxDirectory(config) ?? ""}/${value.replace(/^\.\//, "").replace(/\/+$/, "")}`;
}

/** Where config.yml keeps each kind of data, relative paths taken from the app directory. */
export const DATA_SETTINGS: Record<string, string> = { voicemail: "voicemail.storage_path", recordings: "recording.storage_path" };

/** The directory the PBX writes `purpose` data to, after following links, or undefined. */
export function dataDirectory(config: CloudConfig, file: PbxConfigFile, purpose: string): { configured: string; resolved: string } | undefined {
    const value = setting(file.data, DATA_SETTINGS[purpose]);
    if (typeof value !== "string" || value === "") {
        return undefined;
    }
    const configured = appPath(config, value);
    return { configured, resolved: resolvePath(config, configured) };
}

/** The user the PBX service runs as (User= of its unit), root when unset. */
export function serviceUser(config: CloudConfig): string {
    return pbxUnit(config)?.get("Service", "User") ?? "root";
}

export const NO_DATABASE = "no PostgreSQL database (aws:rds/instance with engine postgres, or an aurora-postgresql cluster) exists";

/** The primary PostgreSQL databases; reports when there is none, so that "each database" rules never pass on nothing. */
export function requireDatabases(context: Context): PolicyResource[] {
    const databases = primaryPostgres(context.resources);
    if (databases.length === 0) {
        context.report(NO_DATABASE);
    }
    return databases;
}

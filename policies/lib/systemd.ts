// systemd units and timers a host's cloud-init writes (`/etc/systemd/system/<name>.service`), and
// whether boot commands enable and start them.
import { CloudConfig, commandsOf, filesOf } from "./cloud-init";
import { IniSections, iniValue, parseIni } from "./ini";

export const UNIT_DIR = "/etc/systemd/system";

export interface Unit {
    path: string;
    sections: IniSections;
    /** Last value of a [Service]/[Unit]/[Install]/[Timer] key. */
    get(section: string, key: string): string | undefined;
    /** Every value of a repeatable key, e.g. Environment=. */
    all(section: string, key: string): string[];
}

export function parseUnit(path: string, text: string): Unit {
    const sections = parseIni(text);
    return {
        path,
        sections,
        get: (section, key) => iniValue(sections, section, key),
        all: (section, key) => sections.get(section)?.get(key) ?? [],
    };
}

function unitName(name: string, suffix: string): string {
    return name.endsWith(suffix) ? name : `${name}${suffix}`;
}

/** The unit file cloud-init writes for `name` (e.g. "pbx" -> /etc/systemd/system/pbx.service). */
export function unitFile(config: CloudConfig, name: string, suffix = ".service"): Unit | undefined {
    const path = `${UNIT_DIR}/${unitName(name, suffix)}`;
    const file = filesOf(config).get(path);
    return file ? parseUnit(path, file.content) : undefined;
}

/** Every unit file with the suffix the document writes. */
export function unitFiles(config: CloudConfig, suffix = ".service"): Unit[] {
    return [...filesOf(config).entries()]
        .filter(([path]) => path.startsWith(`${UNIT_DIR}/`) && path.endsWith(suffix))
        .map(([path, file]) => parseUnit(path, file.content));
}

/** Shell commands split on `&&`, `||` and `;`, with a leading `sudo` removed. */
export function simpleCommands(config: CloudConfig): string[] {
    return commandsOf(config)
        .flatMap((line) => line.split(/&&|\|\||;|\n/))
        .map((command) => command.trim().replace(/^sudo\s+/, ""))
        .filter((command) => command.length > 0);
}

function systemctlUnits(command: string, verb: string): { units: string[]; now: boolean } | undefined {
    const words = command.split(/\s+/);
    if (words[0] !== "systemctl") {
        return undefined;
    }
    const args = words.slice(1).filter((word) => !word.startsWith("-"));
    if (args[0] !== verb) {
        return undefined;
    }
    return { units: args.slice(1), now: words.includes("--now") };
}

function matches(unit: string, name: string, suffix: string): boolean {
    return unit === name || unit === unitName(name, suffix);
}

/** Boot commands run `systemctl enable <name>` (with or without --now). */
export function isEnabledAtBoot(config: CloudConfig, name: string, suffix = ".service"): boolean {
    return simpleCommands(config).some((command) => systemctlUnits(command, "enable")?.units.some((unit) => matches(unit, name, suffix)) ?? false);
}

/** Boot commands start the unit now: `systemctl enable --now`, `start` or `restart`. */
export function isStartedAtBoot(config: CloudConfig, name: string, suffix = ".service"): boolean {
    return simpleCommands(config).some((command) => {
        const enable = systemctlUnits(command, "enable");
        if (enable?.now && enable.units.some((unit) => matches(unit, name, suffix))) {
            return true;
        }
        return ["start", "restart"].some((verb) => systemctlUnits(command, verb)?.units.some((unit) => matches(unit, name, suffix)) ?? false);
    });
}

/** Boot commands disable or mask the unit. */
export function isDisabledAtBoot(config: CloudConfig, name: string, suffix = ".service"): boolean {
    return simpleCommands(config).some((command) =>
        ["disable", "mask"].some((verb) => systemctlUnits(command, verb)?.units.some((unit) => matches(unit, name, suffix)) ?? false),
    );
}

/** Targets the unit is installed into by `systemctl enable` ([Install] WantedBy=/RequiredBy=). */
export function installTargets(unit: Unit): string[] {
    return [...unit.all("Install", "WantedBy"), ...unit.all("Install", "RequiredBy")].flatMap((value) => value.split(/\s+/)).filter((value) => value.length > 0);
}

/** Targets reached on every normal boot. */
export const BOOT_TARGETS = ["multi-user.target", "default.target", "graphical.target"];

/** `KEY=value` pairs of Environment= lines (quoted pairs allowed). */
export function unitEnvironment(unit: Unit): Map<string, string> {
    const environment = new Map<string, string>();
    for (const line of unit.all("Service", "Environment")) {
        for (const match of line.matchAll(/"([^"=]+)=([^"]*)"|([^\s"=]+)=(\S*)/g)) {
            environment.set(match[1] ?? match[3], match[2] ?? match[4]);
        }
    }
    return environment;
}

/** EnvironmentFile= paths, without the optional "-" prefix. */
export function environmentFiles(unit: Unit): string[] {
    return unit.all("Service", "EnvironmentFile").map((path) => path.replace(/^-/, ""));
}

/** Timers (`<name>.timer`) the document writes, with the service each activates. */
export function timers(config: CloudConfig): { timer: Unit; service?: Unit }[] {
    const services = unitFiles(config, ".service");
    return unitFiles(config, ".timer").map((timer) => {
        const base = timer.path.slice(UNIT_DIR.length + 1, -".timer".length);
        const serviceName = timer.get("Timer", "Unit") ?? `${base}.service`;
        return { timer, service: services.find((service) => service.path === `${UNIT_DIR}/${serviceName}`) };
    });
}

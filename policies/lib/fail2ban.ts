// fail2ban as cloud-init configures it: jails in /etc/fail2ban/jail.conf, jail.local and
// /etc/fail2ban/jail.d/*.{conf,local}, filters in /etc/fail2ban/filter.d/.
import { CloudConfig, filesOf } from "./cloud-init";
import { parseIni } from "./ini";
import { asNumber } from "./resources";

export interface Jail {
    name: string;
    enabled: boolean;
    settings: Map<string, string>;
    file: string;
}

/**
 * The order fail2ban reads jail files in, later ones overriding earlier ones: jail.conf,
 * jail.d/*.conf, jail.local, jail.d/*.local (each jail.d group in alphabetical order).
 */
const JAIL_FILE_ORDER = [/^\/etc\/fail2ban\/jail\.conf$/, /^\/etc\/fail2ban\/jail\.d\/[^/]+\.conf$/, /^\/etc\/fail2ban\/jail\.local$/, /^\/etc\/fail2ban\/jail\.d\/[^/]+\.local$/];

function readOrder(path: string): number {
    return JAIL_FILE_ORDER.findIndex((pattern) => pattern.test(path));
}

/** Jails with [DEFAULT] settings merged in; later files override earlier ones. */
export function jailsOf(config: CloudConfig): Jail[] {
    // Python's sorted(glob(...)): plain code-point order within a group, not the locale's.
    const files = [...filesOf(config).entries()]
        .filter(([path]) => readOrder(path) >= 0)
        .sort(([a], [b]) => readOrder(a) - readOrder(b) || (a < b ? -1 : a > b ? 1 : 0));
    const defaults = new Map<string, string>();
    const jails = new Map<string, Jail>();
    for (const [path, file] of files) {
        for (const [section, keys] of parseIni(file.content)) {
            const last = new Map([...keys].map(([key, values]) => [key, values[values.length - 1]]));
            if (section === "DEFAULT") {
                last.forEach((value, key) => defaults.set(key, value));
                continue;
            }
            const jail = jails.get(section) ?? { name: section, enabled: false, settings: new Map<string, string>(), file: path };
            last.forEach((value, key) => jail.settings.set(key, value));
            jail.file = path;
            jails.set(section, jail);
        }
    }
    return [...jails.values()].map((jail) => {
        const settings = new Map([...defaults, ...jail.settings]);
        return { ...jail, settings, enabled: settings.get("enabled") === "true" };
    });
}

/** The filter a jail uses exists: written by the document, or shipped by the fail2ban package. */
export function filterAvailable(config: CloudConfig, jail: Jail, shipped: string[]): boolean {
    const filter = (jail.settings.get("filter") ?? jail.name).split(/[\s[]/)[0];
    const files = filesOf(config);
    return shipped.includes(filter) || files.has(`/etc/fail2ban/filter.d/${filter}.conf`) || files.has(`/etc/fail2ban/filter.d/${filter}.local`);
}

/** fail2ban time values: seconds, or with a unit suffix (10m, 1h, 1d). */
export function seconds(value: string | undefined): number | undefined {
    if (value === undefined) {
        return undefined;
    }
    const match = /^(-?\d+)\s*(s|m|h|d|w)?$/.exec(value.trim());
    if (!match) {
        return asNumber(value);
    }
    const factor = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 }[match[2] ?? "s"] ?? 1;
    return Number(match[1]) * factor;
}

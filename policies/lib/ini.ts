// INI-style files as hosts use them: systemd units (`Key=value`, repeatable keys, `\` line
// continuation) and fail2ban jails (`key = value`, indented continuation lines).

export type IniSections = Map<string, Map<string, string[]>>;

/** Sections in file order; each key keeps every value it was given, in order. */
export function parseIni(text: string): IniSections {
    const sections: IniSections = new Map();
    let current: Map<string, string[]> | undefined;
    let lastKey: string | undefined;
    const lines = text.replace(/\\\r?\n/g, " ").split(/\r?\n/);
    for (const raw of lines) {
        if (/^\s*([#;].*)?$/.test(raw)) {
            lastKey = undefined;
            continue;
        }
        const section = /^\s*\[([^\]]+)\]\s*$/.exec(raw);
        if (section) {
            current = sections.get(section[1].trim()) ?? new Map();
            sections.set(section[1].trim(), current);
            lastKey = undefined;
            continue;
        }
        if (/^\s/.test(raw) && current && lastKey) {
            const values = current.get(lastKey)!;
            values[values.length - 1] = `${values[values.length - 1]}\n${raw.trim()}`.trim();
            continue;
        }
        const pair = /^\s*([^=:\s][^=]*?)\s*[=:]\s*(.*)$/.exec(raw);
        if (!pair || !current) {
            continue;
        }
        const key = pair[1];
        const values = current.get(key) ?? [];
        values.push(pair[2].trim());
        current.set(key, values);
        lastKey = key;
    }
    return sections;
}

/** The last value of a key (later assignments win), or undefined. */
export function iniValue(sections: IniSections, section: string, key: string): string | undefined {
    const values = sections.get(section)?.get(key);
    return values && values.length > 0 ? values[values.length - 1] : undefined;
}

// Calendar dates of attestations and waivers: "YYYY-MM-DD", compared in UTC by whole days.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since the epoch for a valid ISO date string, or undefined. */
export function parseDay(value: unknown): number | undefined {
    if (typeof value !== "string") {
        return undefined;
    }
    const match = ISO_DATE.exec(value);
    if (!match) {
        return undefined;
    }
    const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    const date = new Date(time);
    // Rejects 2026-02-30 and the like, which Date.UTC would roll over.
    if (date.getUTCFullYear() !== Number(match[1]) || date.getUTCMonth() !== Number(match[2]) - 1 || date.getUTCDate() !== Number(match[3])) {
        return undefined;
    }
    return Math.round(time / 86_400_000);
}

export function today(): number {
    const now = new Date();
    return Math.round(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) / 86_400_000);
}

export function formatDay(day: number): string {
    return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export const ISO_DATE_PATTERN = ISO_DATE.source;

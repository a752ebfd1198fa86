// Typed reading of the kit's stack config. Every reader records what is wrong instead of
// throwing, so that one run reports every bad key at once; `throwIfInvalid` then raises a
// pulumi.InputPropertiesError (one entry per key) before any resource is registered.
import * as pulumi from "@pulumi/pulumi";

/** Where config values come from: pulumi.Config in a program, a plain map in tests. */
export interface ConfigSource {
    readonly name: string;
    get(key: string): string | undefined;
}

export function pulumiConfigSource(): ConfigSource {
    const config = new pulumi.Config();
    return { name: config.name, get: (key) => config.get(key) };
}

/** Retention periods CloudWatch Logs accepts, from a year on. */
export const LOG_RETENTION_DAYS = [365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

export function mapConfigSource(name: string, values: Record<string, unknown>): ConfigSource {
    return {
        name,
        get: (key) => {
            const value = values[key];
            return value === undefined ? undefined : typeof value === "string" ? value : JSON.stringify(value);
        },
    };
}

export interface ConfigProblem {
    propertyPath: string;
    reason: string;
}

export class ConfigReader {
    readonly problems: ConfigProblem[] = [];

    constructor(readonly source: ConfigSource) {}

    problem(key: string, reason: string): void {
        this.problems.push({ propertyPath: `${this.source.name}:${key}`, reason });
    }

    string(key: string, fallback: string): string {
        return this.source.get(key) ?? fallback;
    }

    /** A string that must not be empty (a domain, an e-mail address). */
    requiredString(key: string, pattern?: RegExp, what = "a value"): string {
        const value = (this.source.get(key) ?? "").trim();
        if (value === "") {
            this.problem(key, `required: set ${what}`);
        } else if (pattern && !pattern.test(value)) {
            this.problem(key, `'${value}' is not ${what}`);
        }
        return value;
    }

    integer(key: string, fallback: number, bounds: { min?: number; max?: number; why?: string } = {}): number {
        const raw = this.source.get(key);
        const value = raw === undefined ? fallback : Number(raw);
        if (!Number.isInteger(value)) {
            this.problem(key, `must be an integer, got '${raw}'`);
            return fallback;
        }
        if (bounds.min !== undefined && value < bounds.min) {
            this.problem(key, `must be at least ${bounds.min}${bounds.why ? ` (${bounds.why})` : ""}, got ${value}`);
        }
        if (bounds.max !== undefined && value > bounds.max) {
            this.problem(key, `must be at most ${bounds.max}${bounds.why ? ` (${bounds.why})` : ""}, got ${value}`);
        }
        return value;
    }

    boolean(key: string, fallback: boolean): boolean {
        const raw = this.source.get(key);
        if (raw === undefined) {
            return fallback;
        }
        if (raw !== "true" && raw !== "false") {
            this.problem(key, `must be true or false, got '${raw}'`);
            return fallback;
        }
        return raw === "true";
    }

    stringArray(key: string, fallback: string[]): string[] {
        const raw = this.source.get(key);
        if (raw === undefined) {
            return fallback;
        }
        try {
            const value: unknown = JSON.parse(raw);
            if (Array.isArray(value) && value.every((element) => typeof element === "string")) {
                return value;
            }
        } catch {
            // Reported below.
        }
        this.problem(key, "must be a list of strings");
        return fallback;
    }

    /** A list of IPv4/IPv6 CIDR blocks. */
    cidrs(key: string, fallback: string[]): string[] {
        const values = this.stringArray(key, fallback);
        for (const value of values) {
            if (!isCidr(value)) {
                this.problem(key, `'${value}' is not a CIDR block (e.g. 203.0.113.0/24)`);
            }
        }
        return values;
    }

    oneOf<T extends string>(key: string, fallback: T, allowed: readonly T[]): T {
        const value = (this.source.get(key) ?? fallback) as T;
        if (!allowed.includes(value)) {
            this.problem(key, `must be one of ${allowed.join(", ")}, got '${value}'`);
            return fallback;
        }
        return value;
    }

    throwIfInvalid(): void {
        if (this.problems.length > 0) {
            throw new pulumi.InputPropertiesError({
                message: `invalid configuration: ${this.problems.map((problem) => `${problem.propertyPath}: ${problem.reason}`).join("; ")}`,
                errors: this.problems,
            });
        }
    }
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

export function isCidr(value: string): boolean {
    const [address, prefix, ...rest] = value.split("/");
    if (rest.length > 0 || prefix === undefined || !/^\d{1,3}$/.test(prefix)) {
        return false;
    }
    if (IPV4.test(address)) {
        return Number(prefix) <= 32;
    }
    return /^[0-9a-fA-F:]+$/.test(address) && address.includes(":") && Number(prefix) <= 128;
}

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

// Typed reading of the kit's stack config. Every reader records what is wrong instead of
// throwing, so that one run reports every bad key at once; `throwIfInvalid` then raises a
// pulumi.InputPropertiesError (one entry per key) before any resource is registered.
import * as net from "net";
import * as pulumi from "@pulumi/pulumi";
import { instanceSize } from "../policies/lib/instance-types";

/** Where config values come from: pulumi.Config in a program, a plain map in tests. */
export interface ConfigSource {
    readonly name: string;
    get(key: string): string | undefined;
    /** The keys of the project's namespace the stack sets. */
    keys(): string[];
    /** The stack's AWS region (`aws:region`), if set. */
    readonly region?: string;
}

export function pulumiConfigSource(): ConfigSource {
    const config = new pulumi.Config();
    const prefix = `${config.name}:`;
    return {
        name: config.name,
        get: (key) => config.get(key),
        keys: () => Object.keys(pulumi.runtime.allConfig()).flatMap((key) => (key.startsWith(prefix) ? [key.slice(prefix.length)] : [])),
        region: new pulumi.Config("aws").get("region"),
    };
}

/** Retention periods CloudWatch Logs accepts, from a year on. */
export const LOG_RETENTION_DAYS = [365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

export function mapConfigSource(name: string, values: Record<string, unknown>, region = "us-east-1"): ConfigSource {
    return {
        name,
        get: (key) => {
            const value = values[key];
            return value === undefined ? undefined : typeof value === "string" ? value : JSON.stringify(value);
        },
        keys: () => Object.keys(values),
        region,
    };
}

export interface ConfigProblem {
    propertyPath: string;
    reason: string;
}

export class ConfigReader {
    readonly problems: ConfigProblem[] = [];
    /** Every key a reader asked for: the settings the project knows. */
    readonly keysRead = new Set<string>();
    private readonly source: ConfigSource;

    constructor(source: ConfigSource) {
        // Reads go through here so that the reader learns which keys exist.
        this.source = { ...source, get: (key) => (this.keysRead.add(key), source.get(key)) };
    }

    problem(key: string, reason: string): void {
        this.problems.push({ propertyPath: `${this.source.name}:${key}`, reason });
    }

    /** The stack's AWS region. */
    get region(): string | undefined {
        return this.source.region;
    }

    /** Keys the stack sets that no reader knows: a mistyped key would otherwise be ignored silently. */
    refuseUnknownKeys(known: ReadonlySet<string>): void {
        for (const key of this.source.keys()) {
            if (!known.has(key)) {
                const near = [...known].find((candidate) => editDistance(candidate.toLowerCase(), key.toLowerCase()) <= 2);
                this.problem(key, `not a setting of this project${near ? ` (did you mean ${near}?)` : ""}; see Pulumi.yaml for the settings`);
            }
        }
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

    /** An AWS region for off-site copies: another region than the stack's own. */
    backupRegion(key: string, fallback: string): string {
        const region = this.string(key, fallback);
        if (!/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(region)) {
            this.problem(key, `'${region}' is not an AWS region`);
        } else if (region === this.region) {
            this.problem(key, `${region} is the stack's own region (aws:region); off-site copies must live in another region`);
        }
        return region;
    }

    /** The VPC's block: a private 10.x.0.0/16. */
    vpcCidr(key: string, fallback: string): string {
        const cidr = this.string(key, fallback);
        if (!isCidr(cidr) || !/^10\.\d{1,3}\.0\.0\/16$/.test(cidr)) {
            this.problem(key, `'${cidr}' must be a private 10.x.0.0/16 block`);
        }
        return cidr;
    }

    /** An EC2 type for a host or node: the kit boots Canonical's and EKS's x86_64 images. */
    x86InstanceType(key: string, instanceType: string): void {
        if (instanceSize(instanceType)?.architecture === "arm64") {
            this.problem(key, `${instanceType} is a Graviton (arm64) type; the kit's hosts and nodes boot x86_64 images`);
        }
    }

    /** An RDS instance class whose size is known, so that memory-based tuning and the sizing rules can be checked. */
    dbInstanceClass(key: string, fallback: string): string {
        const instanceClass = this.string(key, fallback);
        if (!instanceClass.startsWith("db.") || !instanceSize(instanceClass)) {
            this.problem(key, `unknown RDS instance class '${instanceClass}' (e.g. db.m7g.large)`);
        }
        return instanceClass;
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

/** A network in CIDR notation: a valid IPv4 or IPv6 address, a prefix length, and no host bits set. */
export function isCidr(value: string): boolean {
    const [address, prefix, ...rest] = value.split("/");
    if (rest.length > 0 || prefix === undefined || !/^\d{1,3}$/.test(prefix)) {
        return false;
    }
    const bits = net.isIPv4(address) ? 32 : net.isIPv6(address) ? 128 : 0;
    if (bits === 0 || Number(prefix) > bits) {
        return false;
    }
    const hostBits = BigInt(bits - Number(prefix));
    return (addressValue(address) & ((1n << hostBits) - 1n)) === 0n;
}

function addressValue(address: string): bigint {
    if (net.isIPv4(address)) {
        return address.split(".").reduce((value, octet) => (value << 8n) | BigInt(octet), 0n);
    }
    // Expand "::" and any embedded IPv4 tail into eight 16-bit groups.
    const [head, tail = ""] = address.split("::");
    const groups = (part: string) => part.split(":").filter(Boolean).flatMap((group) => (group.includes(".") ? ipv4Groups(group) : [group]));
    const left = groups(head);
    const right = address.includes("::") ? groups(tail) : [];
    const all = [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
    return all.reduce((value, group) => (value << 16n) | BigInt(`0x${group}`), 0n);
}

function ipv4Groups(ipv4: string): string[] {
    const value = Number(addressValue(ipv4));
    return [(value >>> 16).toString(16), (value & 0xffff).toString(16)];
}

function editDistance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, index) => index);
    for (let i = 1; i <= a.length; i++) {
        let previous = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const current = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
            previous = current;
        }
    }
    return row[b.length];
}

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

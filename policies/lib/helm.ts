// Helm releases (`kubernetes:helm.sh/v3:Release`): which chart a release installs, the values it
// passes, and what those values derive from (property dependencies of `values`, e.g. a
// random.RandomPassword). A value the program does not set falls back to the chart's own default,
// which rules state explicitly where it matters.
import { PolicyResource } from "@pulumi/policy";
import { ofType, referenced } from "./resources";

export const HELM_RELEASE = "kubernetes:helm.sh/v3:Release";

/** "oci://registry-1.docker.io/bitnamicharts/redis", "bitnami/redis" or "redis" -> "redis". */
export function chartName(release: PolicyResource): string {
    const chart = String(release.props.chart ?? "");
    return chart.replace(/\/+$/, "").split("/").pop() ?? chart;
}

export function releases(resources: PolicyResource[]): PolicyResource[] {
    return ofType(resources, HELM_RELEASE);
}

/** Releases of any of the charts. */
export function releasesOf(resources: PolicyResource[], ...charts: string[]): PolicyResource[] {
    return releases(resources).filter((release) => charts.includes(chartName(release)));
}

export type ValuePath = string | string[];

function keys(path: ValuePath): string[] {
    return Array.isArray(path) ? path : path.split(".");
}

/** A value at a path of the release's values ("master.persistence.enabled", or keys with dots as an array). */
export function valueAt(release: PolicyResource, path: ValuePath, root: unknown = release.props.values): unknown {
    let current: unknown = root;
    for (const key of keys(path)) {
        if (current === undefined || current === null || typeof current !== "object") {
            return undefined;
        }
        current = (current as Record<string, unknown>)[key];
    }
    return current;
}

/** A value, or the chart's default when the program leaves it unset. */
export function valueOr<T>(release: PolicyResource, path: ValuePath, chartDefault: T): unknown {
    const value = valueAt(release, path);
    return value === undefined || value === null ? chartDefault : value;
}

/** A boolean-ish value (true, "true"). */
export function isTrue(value: unknown): boolean {
    return value === true || value === "true";
}

export function isFalse(value: unknown): boolean {
    return value === false || value === "false";
}

/** Resources the release's values derive from, of a type. */
export function valueSources(release: PolicyResource, type?: string): PolicyResource[] {
    return referenced(release, "values", type);
}

/** The chart version is pinned (an exact version, not a range or empty). */
export function pinnedVersion(release: PolicyResource): string | undefined {
    const version = release.props.version;
    return typeof version === "string" && /^v?\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/.test(version) ? version : undefined;
}

/** The namespace the release installs into (its `namespace`, else default). */
export function releaseNamespace(release: PolicyResource): string {
    return typeof release.props.namespace === "string" ? release.props.namespace : "default";
}

export function describeRelease(release: PolicyResource): string {
    return `${chartName(release)} release "${release.name}"`;
}

// Retention of log and audit stores: how long a bucket keeps objects, and a log group its events.
import { PolicyResource } from "@pulumi/policy";
import { asNumber } from "../../../lib/resources";
import { companionsOf, expirationDays } from "../../../lib/storage";

export const OBJECT_LOCK = ["aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2", "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration"];

/** Days the bucket keeps objects before a lifecycle rule expires them (undefined = never expires; 0 = on a fixed date). */
export function bucketKeepsDays(resources: PolicyResource[], bucket: PolicyResource): number | undefined {
    const days = expirationDays(resources, bucket);
    return days.length > 0 ? Math.min(...days) : undefined;
}

/** "after 90 days", or what an expiration date means. */
export function describeExpiry(days: number): string {
    return days === 0 ? "on a fixed date (expiration.date), after which nothing written is kept" : `after ${days} days`;
}

/**
 * Days in `years` calendar years as object lock counts them: 365 each plus a leap day every four
 * years, rounded up, so that 7 years are 2557 days (the checklist's 7 years), not 2556.75.
 */
export function lockYearsInDays(years: number): number {
    return years * 365 + Math.ceil(years / 4);
}

/** Days object lock protects new objects in COMPLIANCE mode (GOVERNANCE can be bypassed), or undefined. */
export function complianceLockDays(resources: PolicyResource[], bucket: PolicyResource): number | undefined {
    const locks = OBJECT_LOCK.flatMap((type) => resources.filter((resource) => resource.type === type && (resource.propertyDependencies.bucket ?? []).some((dependency) => dependency.urn === bucket.urn)));
    const days = locks.flatMap((lock) => {
        const retention = (((lock.props.rule ?? {}) as Record<string, unknown>).defaultRetention ?? {}) as Record<string, unknown>;
        if (retention.mode !== "COMPLIANCE") {
            return [];
        }
        const years = asNumber(retention.years);
        const value = asNumber(retention.days) ?? (years !== undefined ? lockYearsInDays(years) : undefined);
        return value === undefined ? [] : [value];
    });
    return days.length > 0 ? Math.max(...days) : undefined;
}

export { companionsOf };

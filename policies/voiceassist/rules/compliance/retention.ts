// Retention of log and audit stores: how long a bucket keeps objects, and a log group its events.
import { PolicyResource } from "@pulumi/policy";
import { asNumber } from "../../../lib/resources";
import { companionsOf, expirationDays } from "../../../lib/storage";

export const OBJECT_LOCK = ["aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2", "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration"];

/** Days the bucket keeps objects before a lifecycle rule expires them (undefined = never expires). */
export function bucketKeepsDays(resources: PolicyResource[], bucket: PolicyResource): number | undefined {
    const days = expirationDays(resources, bucket);
    return days.length > 0 ? Math.min(...days) : undefined;
}

/** Days object lock protects new objects in COMPLIANCE mode (GOVERNANCE can be bypassed), or undefined. */
export function complianceLockDays(resources: PolicyResource[], bucket: PolicyResource): number | undefined {
    const locks = OBJECT_LOCK.flatMap((type) => resources.filter((resource) => resource.type === type && (resource.propertyDependencies.bucket ?? []).some((dependency) => dependency.urn === bucket.urn)));
    const days = locks.flatMap((lock) => {
        const retention = (((lock.props.rule ?? {}) as Record<string, unknown>).defaultRetention ?? {}) as Record<string, unknown>;
        if (retention.mode !== "COMPLIANCE") {
            return [];
        }
        const value = asNumber(retention.days) ?? (asNumber(retention.years) !== undefined ? asNumber(retention.years)! * 365.25 : undefined);
        return value === undefined ? [] : [value];
    });
    return days.length > 0 ? Math.max(...days) : undefined;
}

export { companionsOf };

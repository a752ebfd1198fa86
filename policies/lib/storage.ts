// S3 buckets and the companion resources that configure them (versioning, encryption, public
// access block, lifecycle, policy), tied to their bucket through the `bucket` property dependency,
// and the settings a bucket still holds inline (lifecycleRules).
import { PolicyResource } from "@pulumi/policy";
import { ofType, referrers } from "./resources";

export const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
export const BUCKET_COMPANIONS = {
    versioning: ["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"],
    encryption: ["aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"],
    publicAccessBlock: ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"],
    lifecycle: ["aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2"],
    policy: ["aws:s3/bucketPolicy:BucketPolicy"],
    replication: ["aws:s3/bucketReplicationConfig:BucketReplicationConfig"],
};

export function buckets(resources: PolicyResource[]): PolicyResource[] {
    return ofType(resources, ...BUCKET_TYPES);
}

export function companionsOf(resources: PolicyResource[], bucket: PolicyResource, kind: keyof typeof BUCKET_COMPANIONS): PolicyResource[] {
    return BUCKET_COMPANIONS[kind].flatMap((type) => referrers(resources, bucket, "bucket", type));
}

/** All four public access block switches are on. */
export function blocksPublicAccess(resources: PolicyResource[], bucket: PolicyResource): boolean {
    return companionsOf(resources, bucket, "publicAccessBlock").some((block) =>
        ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"].every((key) => block.props[key] === true),
    );
}

/** Expiration actions of a rule: one object, or a list (BucketV2's inline `expirations`). */
function expirationsOf(rule: Record<string, unknown>): Record<string, unknown>[] {
    const expiration = (rule.expiration ?? rule.expirations) as Record<string, unknown> | Record<string, unknown>[] | undefined;
    return Array.isArray(expiration) ? expiration : expiration ? [expiration] : [];
}

/** Days an expiration action keeps current objects; a date keeps none it can promise, undefined = no expiry of current objects. */
function expirationKeepsDays(expiration: Record<string, unknown>): number | undefined {
    if (typeof expiration.date === "string" && expiration.date !== "") {
        // Once the date has passed S3 expires every object, new ones included: no retention is guaranteed.
        return 0;
    }
    const days = Number(expiration.days);
    return Number.isFinite(days) && days > 0 ? days : undefined;
}

/**
 * Days after which enabled lifecycle rules expire current objects: the rules of companion lifecycle
 * configurations (status Enabled) and the bucket's own inline lifecycleRules (enabled), with an
 * expiration in days, or on a date (0: a date deletes everything written after it at once).
 */
export function expirationDays(resources: PolicyResource[], bucket: PolicyResource): number[] {
    const companionRules = companionsOf(resources, bucket, "lifecycle").flatMap((lifecycle) => ((lifecycle.props.rules ?? []) as Record<string, unknown>[]).filter((rule) => rule.status === "Enabled"));
    const inlineRules = ((bucket.props.lifecycleRules ?? []) as Record<string, unknown>[]).filter((rule) => rule.enabled === true);
    return [...companionRules, ...inlineRules].flatMap((rule) => expirationsOf(rule).flatMap((expiration) => {
        const days = expirationKeepsDays(expiration);
        return days === undefined ? [] : [days];
    }));
}

/** Default encryption uses KMS (aws:kms or aws:kms:dsse). */
export function kmsEncrypted(resources: PolicyResource[], bucket: PolicyResource): boolean {
    return companionsOf(resources, bucket, "encryption").some((config) =>
        ((config.props.rules ?? []) as Record<string, unknown>[]).some((rule) => {
            const defaults = rule.applyServerSideEncryptionByDefault as Record<string, unknown> | undefined;
            return defaults !== undefined && String(defaults.sseAlgorithm).startsWith("aws:kms");
        }),
    );
}

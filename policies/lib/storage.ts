// S3 buckets and the companion resources that configure them (versioning, encryption, public
// access block, lifecycle, policy), tied to their bucket through the `bucket` property dependency.
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

/** Lifecycle rules that are enabled and expire current objects after some days. */
export function expirationDays(resources: PolicyResource[], bucket: PolicyResource): number[] {
    return companionsOf(resources, bucket, "lifecycle").flatMap((lifecycle) =>
        ((lifecycle.props.rules ?? []) as Record<string, unknown>[])
            .filter((rule) => rule.status === "Enabled")
            .flatMap((rule) => {
                const expiration = rule.expiration as Record<string, unknown> | Record<string, unknown>[] | undefined;
                const entries = Array.isArray(expiration) ? expiration : expiration ? [expiration] : [];
                return entries.map((entry) => Number(entry.days)).filter((days) => Number.isFinite(days) && days > 0);
            }),
    );
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

// An S3 bucket that keeps its data: versioning, KMS encryption (or S3-managed keys where a
// service requires them, e.g. load balancer access logs), all public access blocked, TLS-only
// access, a lifecycle for old versions, optional object lock, and protected from deletion.
import * as pulumi from "@pulumi/pulumi";
import * as s3 from "@pulumi/aws/s3";

export interface SecureBucketArgs {
    /** KMS key; S3-managed keys (SSE-S3) when absent, for services that cannot use KMS. */
    readonly kmsKeyArn?: pulumi.Input<string>;
    /** Days current objects are kept; forever when absent. */
    readonly expireAfterDays?: number;
    /** Only objects under this prefix expire (e.g. "dumps/"); all when absent. */
    readonly expirePrefix?: string;
    /** Days non-current versions are kept. Default 90. */
    readonly noncurrentVersionDays?: number;
    /** Object lock in compliance mode for this many days (immutable storage). */
    readonly objectLockDays?: number;
    /** Extra policy statements (e.g. a service's write access), besides the TLS-only deny. */
    readonly policyStatements?: pulumi.Input<Record<string, unknown>>[];
    readonly tags: Record<string, string>;
}

export class SecureBucket extends pulumi.ComponentResource {
    readonly bucket: s3.Bucket;
    readonly arn: pulumi.Output<string>;
    readonly name: pulumi.Output<string>;

    constructor(name: string, args: SecureBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        super("readiness:backup:SecureBucket", name, {}, opts);
        const tags = { ...args.tags, Name: name };
        this.bucket = new s3.Bucket(`${name}-bucket`, { objectLockEnabled: args.objectLockDays !== undefined, forceDestroy: false, tags }, { parent: this, protect: true, retainOnDelete: true });
        this.arn = this.bucket.arn;
        this.name = this.bucket.bucket;
        const bucket = this.bucket.id;
        const versioning = new s3.BucketVersioning(`${name}-versioning`, { bucket, versioningConfiguration: { status: "Enabled" } }, { parent: this });
        new s3.BucketServerSideEncryptionConfiguration(
            `${name}-encryption`,
            {
                bucket,
                rules: [
                    args.kmsKeyArn
                        ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.kmsKeyArn }, bucketKeyEnabled: true }
                        : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
                ],
            },
            { parent: this },
        );
        const publicAccess = new s3.BucketPublicAccessBlock(`${name}-public-access`, { bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, { parent: this });
        new s3.BucketOwnershipControls(`${name}-ownership`, { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } }, { parent: this });
        new s3.BucketLifecycleConfiguration(
            `${name}-lifecycle`,
            {
                bucket,
                rules: [
                    {
                        id: "retention",
                        status: "Enabled",
                        filter: args.expirePrefix ? { prefix: args.expirePrefix } : {},
                        ...(args.expireAfterDays ? { expiration: { days: args.expireAfterDays } } : {}),
                        noncurrentVersionExpiration: { noncurrentDays: args.noncurrentVersionDays ?? 90 },
                        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
                    },
                ],
            },
            { parent: this, dependsOn: [versioning] },
        );
        if (args.objectLockDays !== undefined) {
            new s3.BucketObjectLockConfiguration(
                `${name}-object-lock`,
                { bucket, objectLockEnabled: "Enabled", rule: { defaultRetention: { mode: "COMPLIANCE", days: args.objectLockDays } } },
                { parent: this, dependsOn: [versioning] },
            );
        }
        new s3.BucketPolicy(
            `${name}-policy`,
            {
                bucket,
                policy: pulumi.all([this.bucket.arn, ...(args.policyStatements ?? [])]).apply(([arn, ...statements]) =>
                    JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [
                            { Sid: "TlsOnly", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn, `${arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
                            ...statements,
                        ],
                    }),
                ),
            },
            { parent: this, dependsOn: [publicAccess] },
        );
        this.registerOutputs({ arn: this.arn, name: this.name });
    }
}

import { BackupPlan, validateBackupPlanArgs } from "../../../components/backup/backup-plan";
import { SecureBucket } from "../../../components/backup/secure-bucket";
import { RecordingSession } from "../../../gate/program";
import { inputsOf, named, ofType, recordingMocks } from "../../helpers/mocks";

let session: RecordingSession;
const tags = { "readiness:blueprint": "warden-pbx" };

beforeAll(async () => {
    session = await recordingMocks();
    new BackupPlan("pbx", { kmsKeyArn: "arn:key", offsite: { region: "us-west-2", kmsKeyArn: "arn:dr-key" }, resourceArns: ["arn:db", "arn:host"], notificationTopicArn: "arn:topic", tags });
    new BackupPlan("scoped", {
        kmsKeyArn: "arn:key",
        offsite: { region: "us-west-2", kmsKeyArn: "arn:dr-key" },
        resourceArns: ["arn:db", "arn:host", "arn:vol-1", "arn:vol-2"],
        restoreTests: [
            { type: "RDS", resourceArns: ["arn:db"] },
            { type: "EBS", resourceArns: ["arn:vol-1", "arn:vol-2"] },
            { type: "EC2", resourceArns: ["arn:host"], isolation: { subnetId: "subnet-private", securityGroupId: "sg-isolated" } },
        ],
        vaultLockChangeableDays: 7,
        notificationTopicArn: "arn:topic",
        tags,
    });
    new SecureBucket("dumps", { kmsKeyArn: "arn:key", expireAfterDays: 90, expirePrefix: "dumps/", tags });
    new SecureBucket("audit", { kmsKeyArn: "arn:key", objectLockDays: 2557, tags });
    await session.settle();
});

describe("BackupPlan", () => {
    it("backs up daily at 02:00 UTC for 30 days and weekly, copying every recovery point off-site for 90 days", () => {
        const plan = inputsOf(named(session, "aws:backup/plan:Plan", "pbx-plan"));
        const copy = { destinationVaultArn: expect.stringMatching(/^arn:aws:backup:/), lifecycle: { deleteAfter: 90 } };
        expect(plan.rules).toEqual([
            { ruleName: "daily", targetVaultName: "pbx", schedule: "cron(0 2 * * ? *)", scheduleExpressionTimezone: "Etc/UTC", startWindow: 60, completionWindow: 360, enableContinuousBackup: true, lifecycle: { deleteAfter: 30 }, copyActions: [copy] },
            { ruleName: "weekly", targetVaultName: "pbx", schedule: "cron(0 3 ? * SUN *)", scheduleExpressionTimezone: "Etc/UTC", lifecycle: { deleteAfter: 90 }, copyActions: [copy] },
        ]);
        expect(inputsOf(named(session, "aws:backup/selection:Selection", "pbx-selection")).resources).toEqual(["arn:db", "arn:host"]);
    });

    it("keeps both vaults encrypted, locked and protected, the off-site one in the second region", () => {
        const vault = named(session, "aws:backup/vault:Vault", "pbx-vault");
        const offsite = named(session, "aws:backup/vault:Vault", "pbx-offsite-vault");
        expect(inputsOf(vault)).toEqual({ name: "pbx", kmsKeyArn: "arn:key", tags: { ...tags, Name: "pbx-vault" } });
        expect(inputsOf(offsite)).toEqual({ name: "pbx-offsite", region: "us-west-2", kmsKeyArn: "arn:dr-key", tags: { ...tags, Name: "pbx-offsite-vault" } });
        expect([vault.options, offsite.options]).toEqual([expect.objectContaining({ protect: true, retainOnDelete: true }), expect.objectContaining({ protect: true, retainOnDelete: true })]);
        // changeableForDays: compliance mode, immutable once the grace period is over.
        expect(inputsOf(named(session, "aws:backup/vaultLockConfiguration:VaultLockConfiguration", "pbx-vault-lock"))).toEqual({ backupVaultName: "pbx", changeableForDays: 3, minRetentionDays: 30, maxRetentionDays: 3650 });
        // A replaced lock is removed first, so that removing it cannot take the new lock with it.
        for (const lock of ["pbx-vault-lock", "pbx-offsite-vault-lock"]) {
            expect(named(session, "aws:backup/vaultLockConfiguration:VaultLockConfiguration", lock).options.deleteBeforeReplace).toBe(true);
        }
        expect(inputsOf(named(session, "aws:backup/vaultLockConfiguration:VaultLockConfiguration", "pbx-offsite-vault-lock"))).toEqual({
            backupVaultName: "pbx-offsite",
            region: "us-west-2",
            changeableForDays: 3,
            minRetentionDays: 90,
            maxRetentionDays: 3650,
        });
        expect(inputsOf(named(session, "aws:backup/vaultLockConfiguration:VaultLockConfiguration", "scoped-offsite-vault-lock")).changeableForDays).toBe(7);
    });

    it("notifies failures and tests restores weekly, of its own vault only, booting EC2 clones only in isolation", () => {
        expect(inputsOf(named(session, "aws:backup/vaultNotifications:VaultNotifications", "pbx-notifications")).backupVaultEvents).toEqual(["BACKUP_JOB_FAILED", "COPY_JOB_FAILED", "RESTORE_JOB_FAILED", "S3_BACKUP_OBJECT_FAILED"]);
        const testing = named(session, "aws:backup/restoreTestingPlan:RestoreTestingPlan", "pbx-restore-testing");
        expect(named(session, "aws:backup/vault:Vault", "pbx-vault").properties.arn).toMatch(/^arn:aws:backup:us-east-1:123456789012:/);
        expect(inputsOf(testing)).toEqual({
            name: "pbx_restore_testing",
            scheduleExpression: "cron(0 5 ? * SUN *)",
            scheduleExpressionTimezone: "Etc/UTC",
            recoveryPointSelection: { algorithm: "LATEST_WITHIN_WINDOW", includeVaults: [named(session, "aws:backup/vault:Vault", "pbx-vault").properties.arn], recoveryPointTypes: ["SNAPSHOT"], selectionWindowDays: 7 },
            tags: { ...tags, Name: "pbx-restore-testing" },
        });
        expect(testing.propertyDependencies.recoveryPointSelection).toEqual([named(session, "aws:backup/vault:Vault", "pbx-vault").urn]);
        const selections = (plan: string) =>
            ofType(session, "aws:backup/restoreTestingSelection:RestoreTestingSelection")
                .filter((selection) => selection.name.startsWith(`${plan}-`))
                .map((selection) => {
                    const { iamRoleArn, restoreTestingPlanName, ...rest } = inputsOf(selection);
                    expect([iamRoleArn, restoreTestingPlanName]).toEqual([expect.stringMatching(/^arn:aws:iam:/), `${plan}_restore_testing`]);
                    return rest;
                });
        // Default: RDS and EBS of the plan's own vault.
        expect(selections("pbx")).toEqual([
            { name: "pbx_rds", protectedResourceType: "RDS", protectedResourceArns: ["*"], validationWindowHours: 4 },
            { name: "pbx_ebs", protectedResourceType: "EBS", protectedResourceArns: ["*"], validationWindowHours: 4 },
        ]);
        expect(selections("scoped")).toEqual([
            { name: "scoped_rds", protectedResourceType: "RDS", protectedResourceArns: ["arn:db"], validationWindowHours: 4 },
            { name: "scoped_ebs", protectedResourceType: "EBS", protectedResourceArns: ["arn:vol-1", "arn:vol-2"], validationWindowHours: 4 },
            { name: "scoped_ec2", protectedResourceType: "EC2", protectedResourceArns: ["arn:host"], validationWindowHours: 4, restoreMetadataOverrides: { SubnetId: "subnet-private", SecurityGroupIds: '["sg-isolated"]' } },
        ]);
    });

    it("refuses EC2 restore tests without isolation, empty or oversized selections and a lock without its grace period", () => {
        const offsite = { region: "us-west-2", kmsKeyArn: "k" };
        const ec2 = "an EC2 restore test boots a clone of the host with its production secrets and services enabled; give restoreTests an EC2 entry with isolation (a subnet and a security group without rules)";
        expect(validateBackupPlanArgs({ offsite, restoreTests: [{ type: "EC2", resourceArns: ["arn:host"] }, { type: "EBS", resourceArns: [] }], vaultLockChangeableDays: 2 })).toEqual([
            { propertyPath: "vaultLockChangeableDays", reason: "AWS Backup's compliance-mode grace period is at least 3 days, got 2" },
            { propertyPath: "restoreTests[0].isolation", reason: ec2 },
            { propertyPath: "restoreTests[1].resourceArns", reason: "must list 1 to 30 resources, got 0" },
        ]);
        expect(validateBackupPlanArgs({ offsite, restoreTestTypes: ["RDS", "EC2"], restoreTests: [{ type: "RDS", resourceArns: Array(31).fill("arn:db") }] })).toEqual([
            { propertyPath: "restoreTestTypes", reason: "give restoreTests or restoreTestTypes, not both" },
            { propertyPath: "restoreTests[0].resourceArns", reason: "must list 1 to 30 resources, got 31" },
            { propertyPath: "restoreTestTypes[1]", reason: ec2 },
        ]);
        expect(validateBackupPlanArgs({ offsite, restoreTestTypes: ["RDS", "EBS"], vaultLockChangeableDays: 3 })).toEqual([]);
    });

    it("refuses less retention than the checklist", () => {
        expect(validateBackupPlanArgs({ retentionDays: 7, dailyHourUtc: 25, offsite: { region: "us-west-2", kmsKeyArn: "k", retentionDays: 30 } })).toEqual([
            { propertyPath: "retentionDays", reason: "backups must be kept at least 30 days, got 7" },
            { propertyPath: "dailyHourUtc", reason: "must be an hour from 0 to 23, got 25" },
            { propertyPath: "offsite.retentionDays", reason: "off-site copies must be kept at least 90 days, got 30" },
        ]);
    });
});

describe("SecureBucket", () => {
    it("versions, encrypts with KMS, blocks public access, requires TLS and is protected", () => {
        const bucket = named(session, "aws:s3/bucket:Bucket", "dumps-bucket");
        expect(inputsOf(bucket)).toEqual({ bucket: expect.stringMatching(/^dumps-bucket-/), objectLockEnabled: false, forceDestroy: false, tags: { ...tags, Name: "dumps" } });
        expect(bucket.options).toMatchObject({ protect: true, retainOnDelete: true });
        expect(inputsOf(named(session, "aws:s3/bucketVersioning:BucketVersioning", "dumps-versioning")).versioningConfiguration).toEqual({ status: "Enabled" });
        expect(inputsOf(named(session, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "dumps-encryption")).rules).toEqual([
            { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:key" }, bucketKeyEnabled: true },
        ]);
        expect(inputsOf(named(session, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "dumps-public-access"))).toMatchObject({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
        const policy = JSON.parse(inputsOf(named(session, "aws:s3/bucketPolicy:BucketPolicy", "dumps-policy")).policy as string);
        expect(policy.Statement[0]).toMatchObject({ Sid: "TlsOnly", Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } });
        expect(inputsOf(named(session, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "dumps-lifecycle")).rules).toEqual([
            { id: "retention", status: "Enabled", filter: { prefix: "dumps/" }, expiration: { days: 90 }, noncurrentVersionExpiration: { noncurrentDays: 90 }, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } },
        ]);
    });

    it("locks objects in compliance mode when asked", () => {
        expect(inputsOf(named(session, "aws:s3/bucket:Bucket", "audit-bucket")).objectLockEnabled).toBe(true);
        expect(inputsOf(named(session, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", "audit-object-lock")).rule).toEqual({ defaultRetention: { mode: "COMPLIANCE", days: 2557 } });
    });
});

// AWS Backup for a set of resources: a daily backup at a fixed UTC hour kept locally, a weekly
// full backup, every recovery point copied to a vault in a second region (off-site) and kept
// longer there, both vaults encrypted with customer keys and locked in compliance mode, failures
// notified, and a weekly restore test of the plan's own recovery points (databases, volumes, and
// hosts restored into an isolated network).
import * as pulumi from "@pulumi/pulumi";
import * as backup from "@pulumi/aws/backup";
import * as iam from "@pulumi/aws/iam";

export interface BackupPlanArgs {
    readonly kmsKeyArn: pulumi.Input<string>;
    /** Off-site copy: region, KMS key there, days kept. */
    readonly offsite: { readonly region: string; readonly kmsKeyArn: pulumi.Input<string>; readonly retentionDays?: number };
    /** ARNs of the resources backed up. */
    readonly resourceArns: pulumi.Input<string>[];
    /** Also back up every resource with this tag (e.g. volumes a storage class creates). */
    readonly selectionTag?: { readonly key: string; readonly value: string };
    /** Days local recovery points are kept. Default 30; at least 30. */
    readonly retentionDays?: number;
    /** Hour (UTC) of the daily backup. Default 2. */
    readonly dailyHourUtc?: number;
    /** SNS topic notified of failed backup, copy and restore jobs. */
    readonly notificationTopicArn: pulumi.Input<string>;
    /**
     * What the weekly restore test restores, by protected-resource type: the given resources of
     * this plan (at most 30 per type). Takes the place of `restoreTestTypes`. EC2 only with
     * `isolation`.
     */
    readonly restoreTests?: RestoreTest[];
    /**
     * Resource types restore-tested, each over every resource of the type with recovery points in
     * this plan's own vault. Default RDS and EBS. EC2 is refused (give it in `restoreTests`, isolated).
     */
    readonly restoreTestTypes?: string[];
    /** Grace period, in days, before each vault lock becomes immutable (compliance mode). Default 3; at least 3. */
    readonly vaultLockChangeableDays?: number;
    readonly tags: Record<string, string>;
}

export interface RestoreTest {
    /** Protected-resource type: RDS, EBS, Aurora, EFS, S3, DynamoDB, ... */
    readonly type: string;
    readonly resourceArns: pulumi.Input<string>[];
    /**
     * Where a restored EC2 instance boots: a subnet and a security group with no rules at all. The
     * clone boots the production root volume (its .env, its enabled services); without inbound or
     * outbound traffic it can neither serve, register SIP, reach the database nor Secrets Manager.
     * Required for EC2.
     */
    readonly isolation?: { readonly subnetId: pulumi.Input<string>; readonly securityGroupId: pulumi.Input<string> };
}

const DEFAULT_RESTORE_TYPES = ["RDS", "EBS"];
/** AWS Backup restore testing accepts at most this many ARNs per selection. */
const MAX_RESTORE_ARNS = 30;

export function validateBackupPlanArgs(
    args: Pick<BackupPlanArgs, "retentionDays" | "dailyHourUtc" | "offsite" | "restoreTests" | "restoreTestTypes" | "vaultLockChangeableDays">,
): { propertyPath: string; reason: string }[] {
    const problems: { propertyPath: string; reason: string }[] = [];
    const retention = args.retentionDays ?? 30;
    if (!Number.isInteger(retention) || retention < 30) {
        problems.push({ propertyPath: "retentionDays", reason: `backups must be kept at least 30 days, got ${retention}` });
    }
    const hour = args.dailyHourUtc ?? 2;
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
        problems.push({ propertyPath: "dailyHourUtc", reason: `must be an hour from 0 to 23, got ${hour}` });
    }
    if ((args.offsite.retentionDays ?? 90) < 90) {
        problems.push({ propertyPath: "offsite.retentionDays", reason: `off-site copies must be kept at least 90 days, got ${args.offsite.retentionDays}` });
    }
    const changeable = args.vaultLockChangeableDays ?? 3;
    if (!Number.isInteger(changeable) || changeable < 3) {
        problems.push({ propertyPath: "vaultLockChangeableDays", reason: `AWS Backup's compliance-mode grace period is at least 3 days, got ${changeable}` });
    }
    if (args.restoreTests && args.restoreTestTypes) {
        problems.push({ propertyPath: "restoreTestTypes", reason: "give restoreTests or restoreTestTypes, not both" });
    }
    // A restored EC2 instance boots its root volume: the production .env and enabled services.
    const ec2 = "an EC2 restore test boots a clone of the host with its production secrets and services enabled; give restoreTests an EC2 entry with isolation (a subnet and a security group without rules)";
    (args.restoreTests ?? []).forEach((test, index) => {
        if (test.type === "EC2" && !test.isolation) {
            problems.push({ propertyPath: `restoreTests[${index}].isolation`, reason: ec2 });
        }
        if (test.resourceArns.length === 0 || test.resourceArns.length > MAX_RESTORE_ARNS) {
            problems.push({ propertyPath: `restoreTests[${index}].resourceArns`, reason: `must list 1 to ${MAX_RESTORE_ARNS} resources, got ${test.resourceArns.length}` });
        }
    });
    (args.restoreTestTypes ?? []).forEach((type, index) => {
        if (type === "EC2") {
            problems.push({ propertyPath: `restoreTestTypes[${index}]`, reason: ec2 });
        }
    });
    return problems;
}

export class BackupPlan extends pulumi.ComponentResource {
    readonly vault: backup.Vault;
    readonly offsiteVault: backup.Vault;
    readonly plan: backup.Plan;

    constructor(name: string, args: BackupPlanArgs, opts?: pulumi.ComponentResourceOptions) {
        super("readiness:backup:BackupPlan", name, {}, opts);
        const problems = validateBackupPlanArgs(args);
        if (problems.length > 0) {
            throw new pulumi.InputPropertiesError({ message: `invalid arguments for BackupPlan ${name}`, errors: problems });
        }
        const retention = args.retentionDays ?? 30;
        const offsiteRetention = args.offsite.retentionDays ?? 90;
        const tags = (part: string) => ({ ...args.tags, Name: `${name}-${part}` });
        // changeableForDays puts each lock in compliance mode: once that grace period has passed,
        // nobody (the root user and AWS included) can remove the lock or shorten its retention.
        const changeableForDays = args.vaultLockChangeableDays ?? 3;

        this.vault = new backup.Vault(`${name}-vault`, { name, kmsKeyArn: args.kmsKeyArn, tags: tags("vault") }, { parent: this, protect: true, retainOnDelete: true });
        // A replaced lock goes first: the new one put before the old is deleted would be deleted with it.
        new backup.VaultLockConfiguration(`${name}-vault-lock`, { backupVaultName: this.vault.name, changeableForDays, minRetentionDays: retention, maxRetentionDays: 3650 }, { parent: this, deleteBeforeReplace: true });
        this.offsiteVault = new backup.Vault(
            `${name}-offsite-vault`,
            { name: `${name}-offsite`, region: args.offsite.region, kmsKeyArn: args.offsite.kmsKeyArn, tags: tags("offsite-vault") },
            { parent: this, protect: true, retainOnDelete: true },
        );
        new backup.VaultLockConfiguration(`${name}-offsite-vault-lock`, { backupVaultName: this.offsiteVault.name, region: args.offsite.region, changeableForDays, minRetentionDays: offsiteRetention, maxRetentionDays: 3650 }, { parent: this, deleteBeforeReplace: true });
        new backup.VaultNotifications(
            `${name}-notifications`,
            { backupVaultName: this.vault.name, snsTopicArn: args.notificationTopicArn, backupVaultEvents: ["BACKUP_JOB_FAILED", "COPY_JOB_FAILED", "RESTORE_JOB_FAILED", "S3_BACKUP_OBJECT_FAILED"] },
            { parent: this },
        );

        const copy = { destinationVaultArn: this.offsiteVault.arn, lifecycle: { deleteAfter: offsiteRetention } };
        this.plan = new backup.Plan(
            `${name}-plan`,
            {
                name,
                rules: [
                    {
                        ruleName: "daily",
                        targetVaultName: this.vault.name,
                        schedule: `cron(0 ${args.dailyHourUtc ?? 2} * * ? *)`,
                        scheduleExpressionTimezone: "Etc/UTC",
                        startWindow: 60,
                        completionWindow: 360,
                        enableContinuousBackup: true,
                        lifecycle: { deleteAfter: Math.min(retention, 35) },
                        copyActions: [copy],
                    },
                    {
                        ruleName: "weekly",
                        targetVaultName: this.vault.name,
                        schedule: "cron(0 3 ? * SUN *)",
                        scheduleExpressionTimezone: "Etc/UTC",
                        lifecycle: { deleteAfter: Math.max(retention, 90) },
                        copyActions: [copy],
                    },
                ],
                tags: tags("plan"),
            },
            { parent: this },
        );
        const role = new iam.Role(
            `${name}-backup`,
            { assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" }] }), tags: tags("role") },
            { parent: this },
        );
        for (const [key, policy] of [
            ["backup", "AWSBackupServiceRolePolicyForBackup"],
            ["restore", "AWSBackupServiceRolePolicyForRestores"],
        ]) {
            new iam.RolePolicyAttachment(`${name}-${key}`, { role: role.name, policyArn: `arn:aws:iam::aws:policy/service-role/${policy}` }, { parent: this });
        }
        new backup.Selection(`${name}-selection`, { name, planId: this.plan.id, iamRoleArn: role.arn, resources: args.resourceArns }, { parent: this });
        if (args.selectionTag) {
            new backup.Selection(
                `${name}-selection-tagged`,
                { name: `${name}-tagged`, planId: this.plan.id, iamRoleArn: role.arn, selectionTags: [{ type: "STRINGEQUALS", key: args.selectionTag.key, value: args.selectionTag.value }] },
                { parent: this },
            );
        }

        // Weekly, only this plan's recovery points: another plan's vaults (another blueprint's
        // data) are never restored by this one.
        const testingPlan = new backup.RestoreTestingPlan(
            `${name}-restore-testing`,
            {
                name: `${name.replace(/[^A-Za-z0-9]/g, "_")}_restore_testing`,
                scheduleExpression: "cron(0 5 ? * SUN *)",
                scheduleExpressionTimezone: "Etc/UTC",
                recoveryPointSelection: { algorithm: "LATEST_WITHIN_WINDOW", includeVaults: [this.vault.arn], recoveryPointTypes: ["SNAPSHOT"], selectionWindowDays: 7 },
                tags: tags("restore-testing"),
            },
            { parent: this },
        );
        const restoreTests: RestoreTest[] = args.restoreTests ?? (args.restoreTestTypes ?? DEFAULT_RESTORE_TYPES).map((type) => ({ type, resourceArns: ["*"] }));
        for (const test of restoreTests) {
            new backup.RestoreTestingSelection(
                `${name}-restore-testing-${test.type.toLowerCase()}`,
                {
                    name: `${name.replace(/[^A-Za-z0-9]/g, "_")}_${test.type.toLowerCase()}`,
                    restoreTestingPlanName: testingPlan.name,
                    protectedResourceType: test.type,
                    iamRoleArn: role.arn,
                    protectedResourceArns: test.resourceArns,
                    validationWindowHours: 4,
                    ...(test.isolation
                        ? { restoreMetadataOverrides: { SubnetId: test.isolation.subnetId, SecurityGroupIds: pulumi.jsonStringify([test.isolation.securityGroupId]) } }
                        : {}),
                },
                { parent: this },
            );
        }
        this.registerOutputs({ vaultArn: this.vault.arn, offsiteVaultArn: this.offsiteVault.arn, planId: this.plan.id });
    }
}

// AWS Backup for a set of resources: a daily backup at a fixed UTC hour kept locally, a weekly
// full backup, every recovery point copied to a vault in a second region (off-site) and kept
// longer there, both vaults encrypted with customer keys and locked, failures notified, and a
// restore-testing plan that restores the latest recovery points on a schedule.
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
    /** Resource types restore-tested. Default RDS, EC2, EBS. */
    readonly restoreTestTypes?: string[];
    readonly tags: Record<string, string>;
}

export function validateBackupPlanArgs(args: Pick<BackupPlanArgs, "retentionDays" | "dailyHourUtc" | "offsite">): { propertyPath: string; reason: string }[] {
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

        this.vault = new backup.Vault(`${name}-vault`, { name, kmsKeyArn: args.kmsKeyArn, tags: tags("vault") }, { parent: this, protect: true, retainOnDelete: true });
        new backup.VaultLockConfiguration(`${name}-vault-lock`, { backupVaultName: this.vault.name, minRetentionDays: retention, maxRetentionDays: 3650 }, { parent: this });
        this.offsiteVault = new backup.Vault(
            `${name}-offsite-vault`,
            { name: `${name}-offsite`, region: args.offsite.region, kmsKeyArn: args.offsite.kmsKeyArn, tags: tags("offsite-vault") },
            { parent: this, protect: true, retainOnDelete: true },
        );
        new backup.VaultLockConfiguration(`${name}-offsite-vault-lock`, { backupVaultName: this.offsiteVault.name, region: args.offsite.region, minRetentionDays: offsiteRetention, maxRetentionDays: 3650 }, { parent: this });
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

        const testingPlan = new backup.RestoreTestingPlan(
            `${name}-restore-testing`,
            {
                name: `${name.replace(/[^A-Za-z0-9]/g, "_")}_restore_testing`,
                scheduleExpression: "cron(0 5 ? * SUN *)",
                scheduleExpressionTimezone: "Etc/UTC",
                recoveryPointSelection: { algorithm: "LATEST_WITHIN_WINDOW", includeVaults: ["*"], recoveryPointTypes: ["SNAPSHOT"], selectionWindowDays: 7 },
                tags: tags("restore-testing"),
            },
            { parent: this },
        );
        for (const type of args.restoreTestTypes ?? ["RDS", "EC2", "EBS"]) {
            new backup.RestoreTestingSelection(
                `${name}-restore-testing-${type.toLowerCase()}`,
                { name: `${name.replace(/[^A-Za-z0-9]/g, "_")}_${type.toLowerCase()}`, restoreTestingPlanName: testingPlan.name, protectedResourceType: type, iamRoleArn: role.arn, protectedResourceArns: ["*"], validationWindowHours: 4 },
                { parent: this },
            );
        }
        this.registerOutputs({ vaultArn: this.vault.arn, offsiteVaultArn: this.offsiteVault.arn, planId: this.plan.id });
    }
}

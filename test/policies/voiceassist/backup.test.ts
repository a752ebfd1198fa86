// Backups (5.3, 9.2, 6.2.3, 7.1.6): plan, schedule, encryption, storage, retention, verification, off-site, restores, volumes.
import backupConfigured from "../../../policies/voiceassist/rules/backup/backup-configured";
import backupEncryption from "../../../policies/voiceassist/rules/backup/backup-encryption";
import backupRetention from "../../../policies/voiceassist/rules/backup/backup-retention";
import backupSchedule from "../../../policies/voiceassist/rules/backup/backup-schedule";
import backupStorage from "../../../policies/voiceassist/rules/backup/backup-storage";
import backupVerification from "../../../policies/voiceassist/rules/backup/backup-verification";
import offsiteBackup from "../../../policies/voiceassist/rules/backup/offsite-backup";
import redisBackupSchedule from "../../../policies/voiceassist/rules/backup/redis-backup-schedule";
import restoreTestsSucceed from "../../../policies/voiceassist/rules/backup/restore-tests-succeed";
import retentionEnforced from "../../../policies/voiceassist/rules/backup/retention-enforced";
import qdrantBackup from "../../../policies/voiceassist/rules/qdrant/qdrant-backup";
import { describeRule, run } from "./cases";
import { Environment, UNKNOWN } from "./environment";

const DB = 'aws:rds/instance:Instance "db"';
const dbNotSelected = (env: import("../../helpers/environment").Environment) => env.set("backup-selection", "resources", ["<instance arn>", "<volume arn>"]).depend("backup-selection", "resources", ["app", "app-data"]);

describeRule({
    rule: backupConfigured,
    fails: [{ when: "the database is in no plan", change: dbNotSelected, message: `${DB}: is in no AWS Backup plan (no aws:backup/selection assigns it)`, resource: "db" }],
    unknown: (env) => env.set("db", "engine", UNKNOWN),
});

describeRule({
    rule: backupSchedule,
    passes: [
        { when: "only the RDS window is at 02:00", change: dbNotSelected },
        { when: "only the RDS window is at 02:00, keeping backups 1 day", change: (env) => { dbNotSelected(env); env.set("db", "backupRetentionPeriod", 1); } },
    ],
    fails: [
        { when: "backups run at 04:00", change: (env) => { dbNotSelected(env); env.set("db", "backupWindow", "04:00-04:30"); }, message: `${DB}: is not backed up daily at 02:00 UTC (backupWindow 04:00-04:30)` },
        { when: "the 02:00 window times no backups (retention 0)", change: (env) => { dbNotSelected(env); env.set("db", "backupRetentionPeriod", 0); }, message: `${DB}: is not backed up daily at 02:00 UTC (backupWindow 02:00-02:30 with backupRetentionPeriod 0, so no automated backups)`, resource: "db" },
        { when: "the 02:00 window comes with no retention stated", change: (env) => { dbNotSelected(env); env.set("db", "backupRetentionPeriod", undefined); }, message: /backupWindow 02:00-02:30 with backupRetentionPeriod unset, so no automated backups/, resource: "db" },
    ],
    unknown: (env) => env.set("backup-plan", "rules", UNKNOWN),
});

it("backup-schedule is unknown, not passed, while the retention behind the window is unknown", async () => {
    const result = await run(backupSchedule, (env) => { dbNotSelected(env); env.set("db", "backupRetentionPeriod", UNKNOWN); });
    expect(result.violations).toEqual([]);
    expect(result.unknown.sort()).toEqual(["va-5.3.2-backup-schedule", "va-9.2.1-backup-schedule"]);
});

describeRule({
    rule: backupEncryption,
    fails: [
        { when: "a vault uses the AWS-managed key", change: (env) => env.set("dr-vault", "kmsKeyArn", undefined).depend("dr-vault", "kmsKeyArn", []), message: /keeps recovery points without a customer-managed KMS key/, resource: "dr-vault" },
        { when: "the database is unencrypted", change: (env) => env.set("db", "storageEncrypted", false), message: /is not encrypted \(storageEncrypted\), so neither are its snapshots/, resource: "db" },
        { when: "a vault names AWS Backup's AWS-managed alias", change: (env) => env.set("vault", "kmsKeyArn", "arn:aws:kms:us-east-1:123456789012:alias/aws/backup").depend("vault", "kmsKeyArn", []), message: 'aws:backup/vault:Vault "vault": keeps recovery points without a customer-managed KMS key (kmsKeyArn)', resource: "vault" },
    ],
    passes: [{ when: "the off-site vault uses a key of another stack", change: (env) => env.set("dr-vault", "kmsKeyArn", "arn:aws:kms:us-west-2:210987654321:key/mrk-1234567890abcdef1234567890abcdef").depend("dr-vault", "kmsKeyArn", []) }],
    unknown: (env) => env.set("db", "storageEncrypted", UNKNOWN),
});

describeRule({
    rule: backupStorage,
    fails: [{ when: "the vault is not locked", change: (env) => env.remove("vault-lock"), message: /writes to vault vault, which has no vault lock/, resource: "vault" }],
    unknown: (env) => env.set("db", "engine", UNKNOWN),
});

describeRule({
    rule: backupRetention,
    fails: [{ when: "backups are kept 7 days", change: (env) => env.set("db", "backupRetentionPeriod", 7).set("backup-plan", "rules.0.lifecycle.deleteAfter", 7), message: `${DB}: keeps backups 7 days (RDS backupRetentionPeriod 7, AWS Backup 7); at least 30 are required`, resource: "db" }],
    unknown: (env) => env.set("db", "backupRetentionPeriod", UNKNOWN),
});

const GOVERNANCE = "is locked in governance mode (vault lock without changeableForDays), which can be removed; compliance mode (changeableForDays) is required";

describeRule({
    rule: retentionEnforced,
    fails: [
        { when: "the vault lock allows early deletion", change: (env) => env.set("vault-lock", "minRetentionDays", 7), message: /is not locked to keep recovery points 30 days/, resource: "vault" },
        { when: "recovery points never expire", change: (env) => env.set("backup-plan", "rules.0.lifecycle", undefined), message: /rule daily never expires recovery points/, resource: "backup-plan" },
        { when: "the vault lock is in governance mode", change: (env) => env.set("vault-lock", "changeableForDays", undefined), message: `aws:backup/vault:Vault "vault": ${GOVERNANCE}`, resource: "vault" },
        { when: "the off-site vault lock is in governance mode", change: (env) => env.set("dr-vault-lock", "changeableForDays", undefined), message: `aws:backup/vault:Vault "dr-vault": ${GOVERNANCE}`, resource: "dr-vault" },
    ],
    unknown: (env) => env.set("vault-lock", "changeableForDays", UNKNOWN),
});

/** A second, weekly restore testing plan that tests only EBS volumes; the first tests RDS monthly. */
const weeklyPlanForVolumesOnly = (env: Environment) => {
    env.set("restore-testing", "scheduleExpression", "cron(0 5 1 * ? *)").set("restore-testing-ebs", "restoreTestingPlanName", "volumes").depend("restore-testing-ebs", "restoreTestingPlanName", ["restore-testing-volumes"]);
    env.add("aws:backup/restoreTestingPlan:RestoreTestingPlan", "restore-testing-volumes", { name: "volumes", scheduleExpression: "cron(0 5 ? * SUN *)", recoveryPointSelection: { algorithm: "LATEST_WITHIN_WINDOW", includeVaults: ["*"], recoveryPointTypes: ["SNAPSHOT"] } });
};
const rdsConditions = (conditions: Record<string, unknown>) => (env: Environment) => env.set("restore-testing-rds", "protectedResourceConditions", conditions);

describeRule({
    rule: backupVerification,
    passes: [{ when: "the selection's conditions match the database's tags", change: rdsConditions({ stringEquals: [{ key: "aws:ResourceTag/readiness:blueprint", value: "voiceassist" }] }) }],
    fails: [
        { when: "RDS is not restore-tested", change: (env) => env.remove("restore-testing-rds"), message: `${DB}: is in no scheduled AWS Backup restore test, so nothing verifies its backups` },
        { when: "restore tests run monthly", change: (env) => env.set("restore-testing", "scheduleExpression", "cron(0 5 1 * ? *)"), message: /is restore-tested less often than weekly/ },
        { when: "only a plan testing volumes runs weekly", change: weeklyPlanForVolumesOnly, message: `${DB}: is restore-tested less often than weekly (cron(0 5 1 * ? *))`, resource: "db" },
        { when: "the selection's conditions exclude the database", change: rdsConditions({ stringEquals: [{ key: "aws:ResourceTag/readiness:restore-test", value: "yes" }] }), message: `${DB}: is in no scheduled AWS Backup restore test, so nothing verifies its backups`, resource: "db" },
        { when: "the selection's stringNotEquals excludes the database", change: rdsConditions({ stringNotEquals: [{ key: "aws:ResourceTag/readiness:blueprint", value: "voiceassist" }] }), message: /is in no scheduled AWS Backup restore test/, resource: "db" },
    ],
    unknown: (env) => env.set("restore-testing", "scheduleExpression", UNKNOWN),
});

it("backup-verification is unknown, not passed, while the selection's conditions are unknown", async () => {
    const result = await run(backupVerification, rdsConditions(UNKNOWN as unknown as Record<string, unknown>));
    expect(result.violations).toEqual([]);
    expect(result.unknown).toEqual(["va-9.2.4-backup-verification"]);
});

describeRule({
    rule: offsiteBackup,
    fails: [{ when: "nothing is copied to another region", change: (env) => env.set("backup-plan", "rules.0.copyActions", []).depend("backup-plan", "rules", ["vault"]), message: /has no backup copy outside/, resource: "db" }],
    unknown: (env) => env.set("backup-plan", "rules", UNKNOWN),
});

describeRule({
    rule: restoreTestsSucceed,
    fails: [{ when: "failed restores alarm nobody", change: (env) => env.remove("restore-test-failures"), message: "no CloudWatch alarm watches failed restore jobs" }],
    unknown: (env) => env.set("restore-test-failures", "threshold", UNKNOWN),
});

describeRule({
    rule: redisBackupSchedule,
    fails: [
        { when: "the storage class does not tag volumes", change: (env) => env.set("gp3-encrypted", "parameters.tagSpecification_1", undefined), message: /stores Redis master data on StorageClass gp3-encrypted, whose volumes \(tags none\) no daily AWS Backup selection covers/, resource: "redis" },
        { when: "persistence is off", change: (env) => env.set("redis", "values.master.persistence.enabled", false).set("redis", "values.replica.persistence.enabled", false), message: /keeps no persistent volume/ },
        { when: "the plan runs hourly on Sundays only", change: (env) => env.set("backup-plan", "rules.0.schedule", "cron(0 * ? * SUN *)"), message: /stores Redis master data on StorageClass gp3-encrypted, whose volumes \(tags readiness:backup=daily\) no daily AWS Backup selection covers/, resource: "redis" },
        { when: "the plan runs twice on January 1st", change: (env) => env.set("backup-plan", "rules.0.schedule", "cron(0 0-1 1 1 ? *)"), message: /no daily AWS Backup selection covers/, resource: "redis" },
    ],
    passes: [{ when: "the plan runs every six hours", change: (env) => env.set("backup-plan", "rules.0.schedule", "cron(0 */6 * * ? *)") }],
    unknown: (env) => env.set("backup-selection-volumes", "selectionTags", UNKNOWN),
});

describeRule({
    rule: qdrantBackup,
    fails: [{ when: "the tag selection is removed", change: (env) => env.remove("backup-selection-volumes"), message: /stores Qdrant storage on StorageClass gp3-encrypted, whose volumes \(tags readiness:backup=daily\) no daily AWS Backup selection covers/, resource: "qdrant" }],
    unknown: (env) => env.set("gp3-encrypted", "parameters", UNKNOWN),
});

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
import { describeRule } from "./cases";
import { UNKNOWN } from "./environment";

const DB = 'aws:rds/instance:Instance "db"';
const dbNotSelected = (env: import("../../helpers/environment").Environment) => env.set("backup-selection", "resources", ["<instance arn>", "<volume arn>"]).depend("backup-selection", "resources", ["app", "app-data"]);

describeRule({
    rule: backupConfigured,
    fails: [{ when: "the database is in no plan", change: dbNotSelected, message: `${DB}: is in no AWS Backup plan (no aws:backup/selection assigns it)`, resource: "db" }],
    unknown: (env) => env.set("db", "engine", UNKNOWN),
});

describeRule({
    rule: backupSchedule,
    passes: [{ when: "only the RDS window is at 02:00", change: dbNotSelected }],
    fails: [{ when: "backups run at 04:00", change: (env) => { dbNotSelected(env); env.set("db", "backupWindow", "04:00-04:30"); }, message: `${DB}: is not backed up daily at 02:00 UTC (backupWindow 04:00-04:30)` }],
    unknown: (env) => env.set("backup-plan", "rules", UNKNOWN),
});

describeRule({
    rule: backupEncryption,
    fails: [
        { when: "a vault uses the AWS-managed key", change: (env) => env.set("dr-vault", "kmsKeyArn", undefined).depend("dr-vault", "kmsKeyArn", []), message: /keeps recovery points without a customer-managed KMS key/, resource: "dr-vault" },
        { when: "the database is unencrypted", change: (env) => env.set("db", "storageEncrypted", false), message: /is not encrypted \(storageEncrypted\), so neither are its snapshots/, resource: "db" },
    ],
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

describeRule({
    rule: retentionEnforced,
    fails: [
        { when: "the vault lock allows early deletion", change: (env) => env.set("vault-lock", "minRetentionDays", 7), message: /is not locked to keep recovery points 30 days/, resource: "vault" },
        { when: "recovery points never expire", change: (env) => env.set("backup-plan", "rules.0.lifecycle", undefined), message: /rule daily never expires recovery points/, resource: "backup-plan" },
    ],
    unknown: (env) => env.set("vault-lock", "minRetentionDays", UNKNOWN),
});

describeRule({
    rule: backupVerification,
    fails: [
        { when: "RDS is not restore-tested", change: (env) => env.remove("restore-testing-rds"), message: `${DB}: is in no scheduled AWS Backup restore test, so nothing verifies its backups` },
        { when: "restore tests run monthly", change: (env) => env.set("restore-testing", "scheduleExpression", "cron(0 5 1 * ? *)"), message: /is restore-tested less often than weekly/ },
    ],
    unknown: (env) => env.set("restore-testing", "scheduleExpression", UNKNOWN),
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
    ],
    unknown: (env) => env.set("backup-selection-volumes", "selectionTags", UNKNOWN),
});

describeRule({
    rule: qdrantBackup,
    fails: [{ when: "the tag selection is removed", change: (env) => env.remove("backup-selection-volumes"), message: /stores Qdrant storage on StorageClass gp3-encrypted, whose volumes \(tags readiness:backup=daily\) no daily AWS Backup selection covers/, resource: "qdrant" }],
    unknown: (env) => env.set("gp3-encrypted", "parameters", UNKNOWN),
});

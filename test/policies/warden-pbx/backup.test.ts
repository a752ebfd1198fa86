// Database backup (1.2.2) and backup & disaster recovery (5.x).
import dbBackupOffsite from "../../../policies/warden-pbx/rules/backup/db-backup-offsite";
import dbBackupRetention from "../../../policies/warden-pbx/rules/backup/db-backup-retention";
import dbBackupVerification from "../../../policies/warden-pbx/rules/backup/db-backup-verification";
import dbDailyBackups from "../../../policies/warden-pbx/rules/backup/db-daily-backups";
import dbPointInTime from "../../../policies/warden-pbx/rules/backup/db-point-in-time";
import { describeRule } from "./cases";
import { Environment, UNKNOWN } from "./environment";

const DB = 'aws:rds/instance:Instance "db"';
const noPlanForDb = (env: Environment) => env.depend("backup-selection", "resources", ["pbx", "voicemail", "recordings"]);

describeRule({
    rule: dbDailyBackups,
    passes: [{ when: "only AWS Backup protects the database", change: (env) => env.set("db", "backupRetentionPeriod", 0) }],
    fails: [
        { when: "RDS backups are off and no plan covers the database", change: (env) => noPlanForDb(env.set("db", "backupRetentionPeriod", 0)), message: `${DB}: has automated backups off (backupRetentionPeriod 0) and no daily AWS Backup rule covers it`, resource: "db" },
        { when: "RDS backups are off and the plan runs weekly", change: (env) => env.set("db", "backupRetentionPeriod", 0).set("backup-plan", "rules.0.schedule", "cron(0 2 ? * MON *)"), message: /no daily AWS Backup rule covers it/ },
    ],
    unknown: (env) => env.set("db", "backupRetentionPeriod", UNKNOWN),
});

describeRule({
    rule: dbBackupRetention,
    passes: [{ when: "RDS keeps 7 days but AWS Backup keeps 30", change: (env) => env.set("db", "backupRetentionPeriod", 7) }],
    fails: [
        { when: "both keep 7 days", change: (env) => env.set("db", "backupRetentionPeriod", 7).set("backup-plan", "rules.0.lifecycle.deleteAfter", 7).set("backup-plan", "rules.1.lifecycle.deleteAfter", 7), message: `${DB}: keeps backups 7 days (RDS backupRetentionPeriod 7, AWS Backup 7/7); at least 30 are required`, resource: "db" },
        { when: "RDS keeps 7 days and no plan covers the database", change: (env) => noPlanForDb(env.set("db", "backupRetentionPeriod", 7)), message: `${DB}: keeps backups 7 days (RDS backupRetentionPeriod 7); at least 30 are required` },
    ],
    unknown: (env) => env.set("db", "backupRetentionPeriod", UNKNOWN),
});

describeRule({
    rule: dbBackupVerification,
    passes: [{ when: "the selection names the database", change: (env) => env.set("restore-testing-rds", "protectedResourceArns", ["<db arn>"]).depend("restore-testing-rds", "protectedResourceArns", ["db"]) }],
    fails: [
        { when: "no restore test covers RDS", change: (env) => env.remove("restore-testing-rds"), message: `${DB}: is in no scheduled AWS Backup restore test, so nothing verifies its backups can be restored`, resource: "db" },
        { when: "the selection names another resource", change: (env) => env.set("restore-testing-rds", "protectedResourceArns", ["<other arn>"]), message: /is in no scheduled AWS Backup restore test/ },
    ],
    unknown: (env) => env.set("restore-testing-rds", "protectedResourceType", UNKNOWN),
});

describeRule({
    rule: dbBackupOffsite,
    passes: [{ when: "RDS replicates automated backups to another region", change: (env) => env.set("backup-plan", "rules.0.copyActions", []).set("backup-plan", "rules.1.copyActions", []).depend("backup-plan", "rules", ["vault"]) }],
    fails: [
        { when: "nothing leaves the region", change: (env) => env.remove("db-backups-dr").set("backup-plan", "rules.0.copyActions", []).set("backup-plan", "rules.1.copyActions", []).depend("backup-plan", "rules", ["vault"]), message: `${DB}: has no backup copy outside the default region`, resource: "db" },
        { when: "the copy goes to a vault in the same region", change: (env) => env.remove("db-backups-dr").spec("dr-vault").provider = undefined, message: /has no backup copy outside/ },
    ],
    unknown: (env) => env.remove("db-backups-dr").set("backup-plan", "rules.0.copyActions", UNKNOWN).set("backup-plan", "rules.1.copyActions", UNKNOWN),
});

describeRule({
    rule: dbPointInTime,
    passes: [{ when: "continuous AWS Backup covers the database", change: (env) => env.set("db", "backupRetentionPeriod", 0) }],
    fails: [{ when: "automated backups are off and the plan is not continuous", change: (env) => env.set("db", "backupRetentionPeriod", 0).set("backup-plan", "rules.0.enableContinuousBackup", false), message: /cannot be restored to a point in time/, resource: "db" }],
    unknown: (env) => env.set("db", "backupRetentionPeriod", UNKNOWN),
});

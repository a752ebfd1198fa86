// Database backup (1.2.2) and backup & disaster recovery (5.x).
import dbBackupOffsite from "../../../policies/warden-pbx/rules/backup/db-backup-offsite";
import dbBackupRetention from "../../../policies/warden-pbx/rules/backup/db-backup-retention";
import dbBackupVerification from "../../../policies/warden-pbx/rules/backup/db-backup-verification";
import dbDailyBackups from "../../../policies/warden-pbx/rules/backup/db-daily-backups";
import dbPointInTime from "../../../policies/warden-pbx/rules/backup/db-point-in-time";
import { describeRule, run } from "./cases";
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

// --- 5. Backup & disaster recovery -------------------------------------------------------------
import backupAccess from "../../../policies/warden-pbx/rules/backup/backup-access";
import backupEncryption from "../../../policies/warden-pbx/rules/backup/backup-encryption";
import backupMonitoring from "../../../policies/warden-pbx/rules/backup/backup-monitoring";
import backupRetention from "../../../policies/warden-pbx/rules/backup/backup-retention";
import backupVerification from "../../../policies/warden-pbx/rules/backup/backup-verification";
import certificatesBackup from "../../../policies/warden-pbx/rules/backup/certificates-backup";
import configBackup from "../../../policies/warden-pbx/rules/backup/config-backup";
import configVersions from "../../../policies/warden-pbx/rules/backup/config-versions";
import dbBackupTime from "../../../policies/warden-pbx/rules/backup/db-backup-time";
import dbInBackup from "../../../policies/warden-pbx/rules/backup/db-in-backup";
import drSite from "../../../policies/warden-pbx/rules/backup/dr-site";
import hostBackup from "../../../policies/warden-pbx/rules/backup/host-backup";
import localBackupLocation from "../../../policies/warden-pbx/rules/backup/local-backup-location";
import offsiteBackup from "../../../policies/warden-pbx/rules/backup/offsite-backup";
import recordingsBackup from "../../../policies/warden-pbx/rules/backup/recordings-backup";
import voicemailBackup from "../../../policies/warden-pbx/rules/backup/voicemail-backup";
import weeklyFullBackup from "../../../policies/warden-pbx/rules/backup/weekly-full-backup";

const INSTANCE = 'aws:ec2/instance:Instance "pbx"';
const VAULT = 'aws:backup/vault:Vault "vault"';
const selectOnly = (...names: string[]) => (env: Environment) => env.depend("backup-selection", "resources", names);
const noCopies = (env: Environment) => env.set("backup-plan", "rules.0.copyActions", []).set("backup-plan", "rules.1.copyActions", []).depend("backup-plan", "rules", ["vault"]);

describeRule({
    rule: dbInBackup,
    passes: [{ when: "a scheduled pg_dump dumps the database", change: (env) => selectOnly("pbx", "voicemail", "recordings")(env).file("/etc/cron.d/pbx-dump", "0 1 * * * pbx pg_dump -Fc pbx_system > /var/backups/pbx.dump\n") }],
    fails: [{ when: "nothing backs up the database", change: selectOnly("pbx", "voicemail", "recordings"), message: `${DB}: is in no AWS Backup selection and no scheduled pg_dump dumps it`, resource: "db" }],
    unknown: (env) => env.set("backup-selection", "selectionTags", UNKNOWN).depend("backup-selection", "resources", []),
});

describeRule({
    rule: configBackup,
    passes: [{ when: "the host is not backed up but config comes from the program and Secrets Manager", change: selectOnly("db", "voicemail", "recordings") }],
    fails: [
        { when: "the host is not backed up and .env is typed on the host", change: (env) => selectOnly("db")(env).command(/secretsmanager get-secret-value/), message: /is not backed up and \/opt\/pbx\/.env does not come from a Secrets Manager secret of this program/ },
        { when: "the secret can be deleted at once", change: (env) => selectOnly("db")(env).set("app-env", "recoveryWindowInDays", 0), message: /can be deleted without recovery/, resource: "app-env" },
    ],
    unknown: (env) => selectOnly("db")(env).set("app-env", "name", UNKNOWN),
});

describeRule({
    rule: voicemailBackup,
    passes: [{ when: "only the instance is selected", change: selectOnly("db", "pbx") }],
    fails: [{ when: "neither the volume nor the instance is selected", change: selectOnly("db", "recordings"), message: 'aws:ebs/volume:Volume "voicemail": holds voicemail but is in no AWS Backup selection (neither it nor its instance)', resource: "voicemail" }],
    unknown: (env) => env.set("voicemail", "tags", UNKNOWN),
});

describeRule({
    rule: recordingsBackup,
    passes: [{ when: "tags select the volume", change: (env) => selectOnly("db", "voicemail")(env).set("backup-selection", "selectionTags", [{ type: "STRINGEQUALS", key: "readiness:purpose", value: "recordings" }]) }],
    fails: [{ when: "the recordings volume is not selected", change: selectOnly("db", "voicemail"), message: /"recordings": holds recordings but is in no AWS Backup selection/ }],
    unknown: (env) => env.set("recordings", "tags", UNKNOWN),
});

describeRule({
    rule: hostBackup,
    passes: [{ when: "a wildcard selects every instance", change: (env) => selectOnly("db")(env).set("backup-selection", "resources", ["arn:aws:ec2:*:*:instance/*"]) }],
    fails: [{ when: "the instance is not selected", change: selectOnly("db", "voicemail", "recordings"), message: `${INSTANCE}: is in no AWS Backup selection, so the prompts and templates in its app directory are not backed up`, resource: "pbx" }],
    unknown: (env) => selectOnly("db")(env).set("backup-selection", "resources", UNKNOWN),
});

describeRule({
    rule: certificatesBackup,
    fails: [
        { when: "nginx serves a certificate from a host that is not backed up", change: (env) => selectOnly("db")(env).file("/etc/nginx/conf.d/admin.conf", "server {\n    listen 8443 ssl;\n    server_name admin.example.com;\n    ssl_certificate /etc/pbx/tls/cert.pem;\n    ssl_certificate_key /etc/pbx/tls/key.pem;\n}\n"), message: /nginx server admin.example.com reads its certificate and key from the host's disk, which no backup covers/ },
        { when: "no certificate is served (no HTTPS listener, no nginx site)", change: (env) => env.set("https", "protocol", "HTTP").removeFile("/etc/nginx/conf.d/pbx.conf"), message: "no certificate is served, so there is none to back up or restore" },
    ],
    unknown: (env) => env.set("https", "protocol", UNKNOWN),
});

describeRule({
    rule: dbBackupTime,
    passes: [{ when: "only the RDS backup window is at 02:00", change: (env) => env.set("backup-plan", "rules.0.schedule", "cron(0 5 * * ? *)") }],
    fails: [{ when: "both run at another hour", change: (env) => env.set("backup-plan", "rules.0.schedule", "cron(0 5 * * ? *)").set("db", "backupWindow", "05:00-05:30"), message: `${DB}: is not backed up daily at 02:00 (no daily AWS Backup rule at that hour, backupWindow 05:00-05:30)` }],
    unknown: (env) => env.set("db", "backupWindow", UNKNOWN).set("backup-plan", "rules.0.schedule", "cron(0 5 * * ? *)"),
});

describeRule({
    rule: weeklyFullBackup,
    fails: [
        { when: "the plan runs monthly only", change: (env) => env.set("backup-plan", "rules.0.schedule", "cron(0 2 1 * ? *)").set("backup-plan", "rules.1.schedule", "cron(0 3 1 * ? *)"), message: `${INSTANCE}: has no full-system backup at least weekly (no AWS Backup rule covering the instance)` },
        { when: "the instance is not selected", change: selectOnly("db", "voicemail", "recordings"), message: /has no full-system backup at least weekly/ },
    ],
    unknown: (env) => env.set("backup-plan", "rules", UNKNOWN),
});

describeRule({
    rule: configVersions,
    fails: [
        { when: "config.yml is not rendered by the program", change: (env) => env.removeFile("/etc/pbx/config.yml"), message: /writes no \/opt\/pbx\/config.yml .*, so its changes are not versioned/ },
        { when: "the secret has no version in the program", change: (env) => env.remove("app-env-version"), message: /fills \/opt\/pbx\/.env from no versioned secret of this program/ },
    ],
    unknown: (env) => env.set("app-env", "name", UNKNOWN),
});

describeRule({
    rule: backupRetention,
    fails: [
        { when: "local backups are kept 7 days", change: (env) => env.set("backup-plan", "rules.0.lifecycle.deleteAfter", 7).set("backup-plan", "rules.1.lifecycle.deleteAfter", 7), message: `${DB}: (database) keeps local backups 7 days; at least 30 are required`, resource: "db" },
        { when: "copies are kept 30 days", change: (env) => env.set("backup-plan", "rules.0.copyActions.0.lifecycle.deleteAfter", 30).set("backup-plan", "rules.1.copyActions.0.lifecycle.deleteAfter", 30), message: /keeps off-site copies 30 days; at least 90 days are required/ },
        { when: "nothing is copied off-site", change: noCopies, message: /keeps off-site copies nowhere outside the default region/ },
    ],
    unknown: (env) => env.set("backup-plan", "rules.0.lifecycle.deleteAfter", UNKNOWN),
});

const SG_IDS = "restoreMetadataOverrides.SecurityGroupIds";
/** The isolation group exists: the engine reports its id (in its ARN), and the overrides name it. */
const isolationCreated = (env: Environment) => env.set("restore-isolation", "arn", "arn:aws:ec2:us-east-1:123456789012:security-group/sg-0isolation0000000").set("restore-testing-ec2", SG_IDS, '["sg-0isolation0000000"]');

describeRule({
    rule: backupVerification,
    passes: [{ when: "the isolation group's reported id is the one the clone boots into", change: isolationCreated }],
    fails: [
        // The program's group has no rules, but the production group next to it lets everything in.
        {
            when: "the clone also boots into a literal production group (ids not reported yet)",
            change: (env) => env.set("restore-testing-ec2", SG_IDS, '["<isolation sg id>", "sg-0prod00000000000"]'),
            message: /"restore-testing-ec2": restores EC2 instances into 2 security groups but refers to only 1 of this program, so some are not the program's/,
            resource: "restore-testing-ec2",
        },
        {
            when: "the clone also boots into a literal production group (ids reported)",
            change: (env) => isolationCreated(env).set("restore-testing-ec2", SG_IDS, '["sg-0isolation0000000", "sg-0prod00000000000"]'),
            message: /"restore-testing-ec2": restores EC2 instances also into sg-0prod00000000000, which is not a security group of this program/,
            resource: "restore-testing-ec2",
        },
        {
            when: "the clone boots only into a literal group although the overrides refer to the isolation group",
            change: (env) => isolationCreated(env).set("restore-testing-ec2", SG_IDS, '["sg-0prod00000000000"]'),
            message: /restores EC2 instances also into sg-0prod00000000000, which is not a security group of this program/,
            resource: "restore-testing-ec2",
        },
        { when: "SecurityGroupIds is not a JSON list", change: (env) => env.set("restore-testing-ec2", SG_IDS, "<isolation sg id>"), message: /restores EC2 instances with SecurityGroupIds "<isolation sg id>", which is not a JSON list of security group ids/, resource: "restore-testing-ec2" },
        { when: "EBS volumes are not restore-tested", change: (env) => env.remove("restore-testing-ebs", "restore-testing-ec2"), message: 'aws:ebs/volume:Volume "voicemail": (voicemail volume) is backed up but no scheduled restore test verifies its backups', resource: "voicemail" },
        { when: "the host is not restore-tested", change: (env) => env.remove("restore-testing-ec2"), message: `${INSTANCE}: (PBX host) is backed up but no scheduled restore test verifies its backups`, resource: "pbx" },
        {
            when: "the host's clone boots with its original security groups",
            change: (env) => env.set("restore-testing-ec2", "restoreMetadataOverrides", { SubnetId: "<private subnet id>" }).depend("restore-testing-ec2", "restoreMetadataOverrides", []),
            message: /"restore-testing-ec2": restores EC2 instances with their original security groups \(no SecurityGroupIds in restoreMetadataOverrides\), so the clone boots into the production network/,
            resource: "restore-testing-ec2",
        },
        {
            when: "the host's clone boots into a group that lets traffic out",
            change: (env) => env.add("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "isolation-egress", { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" }, { securityGroupId: ["restore-isolation"] }),
            message: /restores EC2 instances into security group "restore-isolation", which lets traffic out; the clone of a production host must reach nothing/,
            resource: "restore-testing-ec2",
        },
        {
            when: "the host's clone boots into a group that lets traffic in",
            change: (env) => env.add("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "isolation-ssh", { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "10.0.0.0/8" }, { securityGroupId: ["restore-isolation"] }),
            message: /restores EC2 instances into security group "restore-isolation", which lets traffic in;/,
            resource: "restore-testing-ec2",
        },
        {
            when: "the host's clone boots into a group the program does not create",
            change: (env) => env.depend("restore-testing-ec2", "restoreMetadataOverrides", []),
            message: /restores EC2 instances into security groups this program does not create/,
            resource: "restore-testing-ec2",
        },
    ],
    unknown: (env) => env.set("restore-testing-ec2", "protectedResourceType", UNKNOWN).set("restore-testing-ebs", "protectedResourceType", UNKNOWN),
});

describe("backup-verification of the clone's security groups", () => {
    it("is unknown, not passed, when SecurityGroupIds is unknown (a first preview, before the group exists)", async () => {
        const result = await run(backupVerification, (env) => env.set("restore-testing-ec2", SG_IDS, UNKNOWN));
        expect(result.violations).toEqual([]);
        expect(result.unknown).toEqual(["wp-5.1.2.5-backup-verification"]);
    });
});

describeRule({
    rule: localBackupLocation,
    fails: [
        { when: "the plan only names the off-site vault", change: (env) => env.depend("backup-plan", "rules", ["dr-vault"]), message: 'aws:backup/plan:Plan "backup-plan": targets no backup vault of this program in its own region', resource: "backup-plan" },
        { when: "no plan protects the PBX", change: selectOnly(), message: "no backup plan protects the PBX's database, host or data volumes" },
    ],
    unknown: (env) => env.set("backup-selection", "resources", UNKNOWN).depend("backup-selection", "resources", []),
});

describeRule({
    rule: offsiteBackup,
    fails: [{ when: "nothing is copied to another region", change: noCopies, message: `${INSTANCE}: (PBX host) has no backup copy outside the default region` }],
    unknown: (env) => env.set("backup-plan", "rules.0.copyActions", UNKNOWN).set("backup-plan", "rules.1.copyActions", UNKNOWN),
});

describeRule({
    rule: backupEncryption,
    fails: [
        { when: "the vault has no KMS key", change: (env) => env.depend("vault", "kmsKeyArn", []).set("vault", "kmsKeyArn", undefined), message: `${VAULT}: encrypts recovery points with no customer-managed KMS key (kmsKeyArn; AWS-managed alias/aws/backup does not count)`, resource: "vault" },
        { when: "the vault names AWS's managed backup key", change: (env) => env.depend("vault", "kmsKeyArn", []).set("vault", "kmsKeyArn", "arn:aws:kms:us-east-1:123456789012:alias/aws/backup"), message: `${VAULT}: encrypts recovery points with no customer-managed KMS key (kmsKeyArn; AWS-managed alias/aws/backup does not count)`, resource: "vault" },
        { when: "the database is unencrypted", change: (env) => env.set("db", "storageEncrypted", false), message: /"db": is not encrypted/ },
        { when: "a volume is unencrypted", change: (env) => env.set("recordings", "encrypted", false), message: /"recordings": has an unencrypted volume \/dev\/sdg/ },
    ],
    unknown: (env) => env.set("db", "storageEncrypted", UNKNOWN),
});

describeRule({
    rule: backupAccess,
    passes: [{ when: "a policy denies deleting recovery points", change: (env) => env.remove("vault-lock").add("aws:backup/vaultPolicy:VaultPolicy", "vault-policy", { backupVaultName: "warden-pbx", policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: ["backup:DeleteRecoveryPoint"], Resource: "*" }] }) }, { backupVaultName: ["vault"] }) }],
    fails: [{ when: "the vault is not locked", change: (env) => env.remove("vault-lock"), message: `${VAULT}: lets anyone with backup permissions delete recovery points (no vault lock or deny policy)`, resource: "vault" }],
    unknown: (env) => env.set("vault-lock", "minRetentionDays", UNKNOWN).set("dr-vault-lock", "minRetentionDays", UNKNOWN),
});

describeRule({
    rule: backupMonitoring,
    passes: [{ when: "only the alarm watches the vault", change: (env) => env.remove("vault-notifications") }],
    fails: [
        { when: "neither notifications nor an alarm watch the vault", change: (env) => env.remove("vault-notifications", "backup-failures"), message: 'no CloudWatch alarm watches failed backup jobs of vault "vault" (and it sends no BACKUP_JOB_FAILED/COPY_JOB_FAILED notification to a subscribed topic)' },
        { when: "notifications leave out failed copies and the alarm notifies nobody", change: (env) => env.set("vault-notifications", "backupVaultEvents", ["BACKUP_JOB_FAILED"]).depend("backup-failures", "alarmActions", []), message: /watches failed backup jobs of vault "vault" .* but has no alarmActions/, resource: "backup-failures" },
    ],
    unknown: (env) => env.set("vault-notifications", "backupVaultEvents", UNKNOWN),
});

describeRule({
    rule: drSite,
    fails: [
        { when: "nothing is copied to the DR region", change: noCopies, message: `${INSTANCE}: (PBX host) has no recovery point in a region other than the default region` },
        { when: "the database's backups are not replicated", change: (env) => env.remove("db-backups-dr"), message: `${DB}: (database) has no automated backups replicated to the DR region` },
    ],
    unknown: (env) => env.set("db-backups-dr", "region", UNKNOWN),
});

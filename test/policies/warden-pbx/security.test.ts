// Authentication, FIPS, SIP security (3.2, 3.3, 3.4.1.7-8) and regulatory settings (3.5).
import adminAccounts from "../../../policies/warden-pbx/rules/security/admin-accounts";
import defaultPasswords from "../../../policies/warden-pbx/rules/security/default-passwords";
import fipsHealthCheck from "../../../policies/warden-pbx/rules/security/fips-health-check";
import fipsKernel from "../../../policies/warden-pbx/rules/security/fips-kernel";
import fipsMode from "../../../policies/warden-pbx/rules/security/fips-mode";
import loginLockout from "../../../policies/warden-pbx/rules/security/login-lockout";
import mfa from "../../../policies/warden-pbx/rules/security/mfa";
import passwordPolicy from "../../../policies/warden-pbx/rules/security/password-policy";
import sipAuthentication from "../../../policies/warden-pbx/rules/security/sip-authentication";
import srtp from "../../../policies/warden-pbx/rules/security/srtp";
import dataRetention from "../../../policies/warden-pbx/rules/compliance/data-retention";
import e911 from "../../../policies/warden-pbx/rules/compliance/e911";
import recordingAnnouncements from "../../../policies/warden-pbx/rules/compliance/recording-announcements";
import stirShaken from "../../../policies/warden-pbx/rules/compliance/stir-shaken";
import { describeRule } from "./cases";
import { Environment, PBX_CONFIG, UNKNOWN } from "./environment";
import * as YAML from "yaml";

const LT = 'aws:ec2/launchTemplate:LaunchTemplate "pbx-lt"';
const CONFIG = "/etc/pbx/config.yml";
const USERDATA_UNKNOWN = (env: Environment) => env.set("pbx-lt", "userData", UNKNOWN);
const pbxConfig = (edit: (config: Record<string, any>) => void) => (env: Environment) => {
    const config = JSON.parse(JSON.stringify(PBX_CONFIG));
    edit(config);
    env.file(CONFIG, YAML.stringify(config), { owner: "root:pbx", permissions: "0640" });
};

describeRule({
    rule: passwordPolicy,
    fails: [
        { when: "passwords may have 8 characters", change: pbxConfig((config) => (config.security.password.min_length = 8)), message: `${LT}: ${CONFIG} allows passwords of 8 characters; at least 12 are required` },
        { when: "no character classes are required", change: pbxConfig((config) => (config.security.password = { min_length: 16 })), message: `${LT}: ${CONFIG} requires 0 character classes in passwords; at least 3 are required` },
    ],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: defaultPasswords,
    fails: [
        { when: "a config file keeps a sample password", change: (env) => env.file("/etc/pbx/grafana.env", "GRAFANA_ADMIN_PASSWORD=changeme\n"), message: `${LT}: sets GRAFANA_ADMIN_PASSWORD to a default password in /etc/pbx/grafana.env` },
        { when: "a boot command sets admin as password", change: (env) => env.list("runcmd", (lines) => [...lines, "export ADMIN_PASSWORD=admin"]), message: /sets ADMIN_PASSWORD to a default password in runcmd line \d+$/ },
        { when: "a boot command passes a default password as a flag", change: (env) => env.list("runcmd", (lines) => [...lines, "pbx-admin create-user --name ops --password changeme"]), message: /sets --password to a default password in runcmd line \d+$/ },
        { when: "the role's password is typed in", change: (env) => env.depend("pbx-role", "password", []), message: /"pbx-role": has a typed-in password/, resource: "pbx-role" },
        // cloud-init sets these passwords itself.
        { when: "chpasswd sets ubuntu's password to changeme (type text)", change: (env) => (env.cloud.chpasswd = { users: [{ name: "ubuntu", password: "changeme", type: "text" }], expire: false }), message: `${LT}: sets ubuntu's password to a default password in cloud-init chpasswd.users[0]` },
        { when: "chpasswd's deprecated list sets ubuntu's password to changeme", change: (env) => (env.cloud.chpasswd = { list: "root:RANDOM\nubuntu:changeme\n", expire: false }), message: `${LT}: sets ubuntu's password to a default password in cloud-init chpasswd.list line 2` },
        { when: "a user's plain_text_passwd is password", change: (env) => env.list("users", (users) => [...users, { name: "ops", plain_text_passwd: "password", lock_passwd: false }]), message: `${LT}: sets ops's password to a default password in cloud-init users[2] (plain_text_passwd)` },
        { when: "the top-level password is changeme", change: (env) => (env.cloud.password = "changeme"), message: `${LT}: sets the default user's password to a default password in cloud-init password` },
    ],
    passes: [
        { when: "chpasswd generates ubuntu's password (type RANDOM)", change: (env) => (env.cloud.chpasswd = { users: [{ name: "ubuntu", type: "RANDOM" }] }) },
        // Not the password "changeme": cloud-init passes it to chpasswd -e as a hash (the default type).
        { when: "chpasswd's users entry is a hash", change: (env) => (env.cloud.chpasswd = { users: [{ name: "ubuntu", password: "changeme" }] }) },
    ],
    unknown: USERDATA_UNKNOWN,
});

/** Adds a cloud-init user beside the kit's. */
const addUser = (user: Record<string, unknown>) => (env: Environment) => env.list("users", (users) => [...users, user]);

describeRule({
    rule: adminAccounts,
    fails: [
        { when: "a sudo user has a password", change: (env) => (env.cloud.users = ["default", { name: "ops", sudo: "ALL=(ALL) ALL", passwd: "$6$hash", ssh_authorized_keys: ["ssh-ed25519 AAAA"] }]), message: `${LT}: gives sudo to ops, which has a password` },
        { when: "the master user is postgres", change: (env) => env.set("db", "username", "postgres"), message: 'aws:rds/instance:Instance "db": uses the default master user name postgres', resource: "db" },
        { when: "RDS does not manage the master password", change: (env) => env.set("db", "manageMasterUserPassword", false), message: /keeps its master password outside RDS management/ },
        {
            when: "a user in group sudo has a password and no SSH key",
            change: addUser({ name: "ops", groups: "sudo", lock_passwd: false, plain_text_passwd: "hunter2hunter2" }),
            message: `${LT}: gives sudo to ops through group sudo, which has a password`,
        },
        { when: "a user in groups [users, admin] has no SSH key", change: addUser({ name: "ops", groups: ["users", "admin"] }), message: `${LT}: gives sudo to ops through group admin, which has no SSH key` },
        { when: "the top-level groups put a user with a password in wheel", change: (env) => addUser({ name: "ops", passwd: "$6$hash", ssh_authorized_keys: ["ssh-ed25519 AAAA"] })(env).cloud.groups = [{ wheel: ["ops"] }], message: `${LT}: gives sudo to ops through group wheel, which has a password` },
        { when: "usermod -aG sudo adds a user with a password", change: (env) => addUser({ name: "ops", passwd: "$6$hash", ssh_authorized_keys: ["ssh-ed25519 AAAA"] })(env).list("runcmd", (lines) => [...lines, "usermod -aG sudo,docker ops"]), message: `${LT}: gives sudo to ops through group sudo, which has a password` },
        { when: "useradd -G sudo creates a user without a key", change: (env) => env.list("runcmd", (lines) => [...lines, "useradd -m -G sudo -s /bin/bash ops"]), message: `${LT}: gives sudo to ops through group sudo, which has no SSH key` },
        { when: "gpasswd -a adds an undeclared user to sudo", change: (env) => env.list("runcmd", (lines) => [...lines, "gpasswd -a deploy sudo"]), message: `${LT}: gives sudo to deploy through group sudo, a user the user data does not declare, so whether it has a password or an SSH key cannot be checked` },
        { when: "adduser USER GROUP adds a user to sudo", change: (env) => addUser({ name: "ops", lock_passwd: false, ssh_authorized_keys: ["ssh-ed25519 AAAA"] })(env).list("runcmd", (lines) => [...lines, "adduser ops sudo"]), message: `${LT}: gives sudo to ops through group sudo, which has a password` },
    ],
    passes: [
        { when: "a user in group sudo has only an SSH key", change: addUser({ name: "ops", groups: "sudo, docker", ssh_authorized_keys: ["ssh-ed25519 AAAA"] }) },
        { when: "a user without sudo has a password", change: (env) => addUser({ name: "ops", groups: ["docker"], lock_passwd: false, passwd: "$6$hash" })(env).list("runcmd", (lines) => [...lines, "usermod -aG docker ops", "adduser --system --home /opt/ops ops"]) },
    ],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: mfa,
    fails: [{ when: "MFA is off", change: pbxConfig((config) => (config.security.mfa.enabled = false)), message: `${LT}: ${CONFIG} sets security.mfa.enabled to false; multi-factor authentication must be enabled` }],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: loginLockout,
    fails: [
        { when: "50 attempts are allowed", change: pbxConfig((config) => (config.security.rate_limit.max_attempts = 50)), message: `${LT}: ${CONFIG} allows 50 failed logins; at most 5 are allowed` },
        { when: "the lockout is a minute", change: pbxConfig((config) => (config.security.rate_limit.lockout_duration = 60)), message: /locks accounts for 60 s; at least 300 s are required/ },
    ],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: fipsMode,
    fails: [
        { when: "FIPS mode is off", change: pbxConfig((config) => (config.security.fips_mode = false)), message: `${LT}: ${CONFIG} sets security.fips_mode to false; FIPS mode must be on` },
        { when: "FIPS is not enforced", change: pbxConfig((config) => delete config.security.enforce_fips), message: /sets security.enforce_fips to nothing/ },
    ],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: fipsKernel,
    // The kit leaves the FIPS kernel (an Ubuntu Pro subscription) to the user.
    baseline: (env) => env.list("runcmd", (lines) => ["pro attach --no-auto-enable $PRO_TOKEN", "pro enable fips-preview --assume-yes", ...lines]),
    fails: [{ when: "the kernel is not FIPS", change: (env) => env.command(/^pro enable/), message: `${LT}: neither boots a FIPS image nor enables the FIPS kernel with Ubuntu Pro` }],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: fipsHealthCheck,
    passes: [{ when: "cron runs the check", change: (env) => env.removeFile("/etc/systemd/system/pbx-fips-health.timer").file("/etc/cron.d/pbx-fips", "0 3 * * * pbx cd /opt/pbx && venv/bin/python scripts/check_fips_health.py\n") }],
    fails: [
        { when: "nothing schedules the check", change: (env) => env.removeFile("/etc/systemd/system/pbx-fips-health.timer"), message: `${LT}: schedules no run of check_fips_health.py` },
        { when: "the timer is never enabled", change: (env) => env.command(/pbx-fips-health.timer/), message: /but never enables the timer/ },
    ],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: sipAuthentication,
    fails: [{ when: "SIP needs no authentication", change: pbxConfig((config) => (config.security.require_authentication = false)), message: `${LT}: ${CONFIG} sets security.require_authentication to false; SIP requests must authenticate` }],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: srtp,
    fails: [{ when: "SRTP is off", change: pbxConfig((config) => (config.security.enable_srtp = false)), message: /sets security.enable_srtp to false/ }],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: e911,
    fails: [{ when: "E911 is off", change: pbxConfig((config) => delete config.features.e911), message: `${LT}: ${CONFIG} sets features.e911.enabled to nothing; E911 location tracking must be on` }],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: stirShaken,
    fails: [
        { when: "trunks run without STIR/SHAKEN", change: pbxConfig((config) => delete config.stir_shaken), message: `${LT}: ${CONFIG} configures SIP trunks but does not enable STIR/SHAKEN` },
        { when: "no certificate is given", change: pbxConfig((config) => delete config.stir_shaken.certificate_path), message: /gives STIR\/SHAKEN no certificate_path/ },
        {
            when: "nothing installs the key",
            change: (env) => env.editFile("/usr/local/sbin/pbx-stir-shaken", (text) => text.replace(/^install -m 0600 .*\n/m, "")),
            message: `${LT}: ${CONFIG} reads STIR/SHAKEN's /etc/pbx/stir/key.pem, which nothing the host runs at boot writes (no write_files entry, no command or script installing it)`,
        },
        // The key is only the source of a copy: it is read, not put in place.
        {
            when: "the script copies the key away instead of installing it",
            change: (env) => env.editFile("/usr/local/sbin/pbx-stir-shaken", (text) => text.replace(/^install -m 0600 .*\n/m, "cp /etc/pbx/stir/key.pem /var/backups/\n")),
            message: /reads STIR\/SHAKEN's \/etc\/pbx\/stir\/key.pem, which nothing the host runs at boot writes/,
        },
        // The script installing both files is there, but nothing runs it.
        {
            when: "pbx.service no longer runs the install script",
            change: (env) => env.editFile("/etc/systemd/system/pbx.service", (text) => text.replace("ExecStartPre=-+/usr/local/sbin/pbx-stir-shaken\n", "")),
            message: /reads STIR\/SHAKEN's \/etc\/pbx\/stir\/cert.pem, which nothing the host runs at boot writes/,
        },
        {
            when: "config.yml points at another certificate",
            change: pbxConfig((config) => (config.stir_shaken.certificate_path = "/etc/pbx/sti/cert.pem")),
            message: /reads STIR\/SHAKEN's \/etc\/pbx\/sti\/cert.pem, which nothing the host runs at boot writes/,
        },
    ],
    unknown: USERDATA_UNKNOWN,
    notApplicable: { when: "there are no trunks", change: pbxConfig((config) => (config.trunks = [])), reason: /originates no calls/ },
});

describeRule({
    rule: recordingAnnouncements,
    fails: [{ when: "calls are recorded without announcement", change: pbxConfig((config) => (config.features.call_recording_announcements.enabled = false)), message: `${LT}: ${CONFIG} records calls without recording announcements (features.call_recording_announcements.enabled)` }],
    unknown: USERDATA_UNKNOWN,
    notApplicable: { when: "nothing is recorded", change: pbxConfig((config) => (config.features.call_recording = false)), reason: /enables no call recording/ },
});

describeRule({
    rule: dataRetention,
    fails: [
        { when: "a log group never expires", change: (env) => env.set("pbx-auth-logs", "retentionInDays", undefined), message: 'aws:cloudwatch/logGroup:LogGroup "pbx-auth-logs": keeps log events forever (no retentionInDays)', resource: "pbx-auth-logs" },
        { when: "a bucket has no expiration", change: (env) => env.remove("alb-logs-lifecycle"), message: 'aws:s3/bucket:Bucket "alb-logs": has no lifecycle rule expiring objects' },
        { when: "a backup rule keeps recovery points forever", change: (env) => env.set("backup-plan", "rules.1.lifecycle", undefined), message: /keeps rule weekly's recovery points forever/, resource: "backup-plan" },
    ],
    unknown: (env) => env.set("pbx-app-logs", "retentionInDays", UNKNOWN),
});

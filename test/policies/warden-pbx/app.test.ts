// Application deployment (2.1): code, configuration, voice prompts.
import appUser from "../../../policies/warden-pbx/rules/app/app-user";
import codecs from "../../../policies/warden-pbx/rules/app/codecs";
import configFile from "../../../policies/warden-pbx/rules/app/config-file";
import databaseConnection from "../../../policies/warden-pbx/rules/app/database-connection";
import dialplan from "../../../policies/warden-pbx/rules/app/dialplan";
import directoryPermissions from "../../../policies/warden-pbx/rules/app/directory-permissions";
import envSecrets from "../../../policies/warden-pbx/rules/app/env-secrets";
import installProd from "../../../policies/warden-pbx/rules/app/install-prod";
import promptSampleRate from "../../../policies/warden-pbx/rules/app/prompt-sample-rate";
import pythonVersion from "../../../policies/warden-pbx/rules/app/python-version";
import sipRtpConfig from "../../../policies/warden-pbx/rules/app/sip-rtp-config";
import sipTrunks from "../../../policies/warden-pbx/rules/app/sip-trunks";
import stableRelease from "../../../policies/warden-pbx/rules/app/stable-release";
import systemDependencies from "../../../policies/warden-pbx/rules/app/system-dependencies";
import voicePrompts from "../../../policies/warden-pbx/rules/app/voice-prompts";
import { describeRule } from "./cases";
import { Environment, PBX_CONFIG, UNKNOWN } from "./environment";
import * as YAML from "yaml";

const LT = 'aws:ec2/launchTemplate:LaunchTemplate "pbx-lt"';
const USERDATA_UNKNOWN = (env: Environment) => env.set("pbx-lt", "userData", UNKNOWN);
const pbxConfig = (edit: (config: Record<string, any>) => void) => (env: Environment) => {
    const config = JSON.parse(JSON.stringify(PBX_CONFIG));
    edit(config);
    env.file("/etc/pbx/config.yml", YAML.stringify(config), { owner: "root:pbx", permissions: "0640" });
};

describeRule({
    rule: stableRelease,
    passes: [{ when: "a tag is checked out after the clone", change: (env) => env.command(/^git clone/, "git clone https://github.com/mattiIce/PBX.git /opt/pbx").list("runcmd", (lines) => [...lines.slice(0, 11), "git -C /opt/pbx checkout v1.2.0", ...lines.slice(11)]) }],
    fails: [
        { when: "the default branch is cloned", change: (env) => env.command(/^git clone/, "git clone https://github.com/mattiIce/PBX.git /opt/pbx"), message: `${LT}: clones the default branch (git clone https://github.com/mattiIce/PBX.git /opt/pbx); clone a release tag with --branch` },
        { when: "a development branch is cloned", change: (env) => env.command(/^git clone/, "git clone -b develop https://github.com/mattiIce/PBX.git /opt/pbx"), message: /deploys develop, which is not a release tag or stable branch/ },
        { when: "nothing is cloned", change: (env) => env.command(/^git clone/), message: `${LT}: never clones the PBX repository into /opt/pbx` },
    ],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: pythonVersion,
    passes: [{ when: "python3 comes with Ubuntu 24.04", change: (env) => env.list("packages", (list) => [...list.filter((name) => name !== "python3.12"), "python3"]) }],
    fails: [
        { when: "python3.12 is not installed", change: (env) => env.list("packages", (list) => list.filter((name) => name !== "python3.12")), message: `${LT}: does not install Python 3.12 (package python3.12)` },
        { when: "python3 on Ubuntu 22.04 is 3.10", change: (env) => env.list("packages", (list) => [...list.filter((name) => name !== "python3.12"), "python3"]).set("pbx-lt", "imageId", "resolve:ssm:/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id"), message: /does not install Python 3.12/ },
    ],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: installProd,
    fails: [
        { when: "make install-prod never runs", change: (env) => env.command(/make install-prod/), message: `${LT}: never runs \`make install-prod\`, so production dependencies are not installed` },
        { when: "make install-dev runs instead", change: (env) => env.command(/make install-prod/, "cd /opt/pbx && make install-dev"), message: /never runs `make install-prod`/ },
        { when: "make is not installed", change: (env) => env.list("packages", (list) => list.filter((name) => name !== "make")), message: `${LT}: runs make without installing it` },
    ],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: systemDependencies,
    passes: [{ when: "espeak-ng replaces espeak", change: (env) => env.list("packages", (list) => [...list.filter((name) => name !== "espeak"), "espeak-ng"]) }],
    fails: [{ when: "ffmpeg is missing", change: (env) => env.list("packages", (list) => list.filter((name) => name !== "ffmpeg")), message: `${LT}: does not install ffmpeg` }],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: appUser,
    fails: [
        { when: "the pbx user can log in", change: (env) => (env.cloud.users = ["default", { name: "pbx", system: true, shell: "/bin/bash", lock_passwd: true }]), message: `${LT}: creates pbx, which has login shell /bin/bash` },
        { when: "the pbx user is not created", change: (env) => (env.cloud.users = ["default"]), message: `${LT}: does not create the pbx user` },
        { when: "the service runs as root", change: (env) => env.editFile("/etc/systemd/system/pbx.service", (text) => text.replace("User=pbx", "User=root")), message: `${LT}: runs the PBX as root, not pbx` },
    ],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: directoryPermissions,
    fails: [
        { when: "the app directory stays root's", change: (env) => env.command(/^chown -R pbx:pbx \/opt\/pbx$/), message: `${LT}: leaves /opt/pbx owned by root (nothing changes its owner); the PBX user pbx must own it` },
        { when: "the log directory is world-readable", change: (env) => env.editFile("/etc/systemd/system/pbx.service", (text) => text.replace("LogsDirectoryMode=0750", "LogsDirectoryMode=0755")), message: `${LT}: leaves /var/log/pbx with mode 0755, open to other users` },
    ],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: configFile,
    passes: [{ when: "config.yml is written in the app directory", change: (env) => env.command(/^ln -sf \/etc\/pbx\/config.yml/).file("/opt/pbx/config.yml", YAML.stringify(PBX_CONFIG)).removeFile("/etc/pbx/config.yml") }],
    fails: [
        { when: "config.yml is not part of the program", change: (env) => env.removeFile("/etc/pbx/config.yml"), message: `${LT}: writes no /opt/pbx/config.yml (linked to /etc/pbx/config.yml): the PBX configuration is not part of the program` },
        { when: "a section is missing", change: pbxConfig((config) => delete config.security), message: `${LT}: /etc/pbx/config.yml lacks the security section(s) of the template` },
        { when: "config.yml is not YAML", change: (env) => env.file("/etc/pbx/config.yml", "server: [unclosed"), message: /is not valid YAML/ },
    ],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: envSecrets,
    fails: [
        { when: "the .env is written in plaintext", change: (env) => env.command(/secretsmanager get-secret-value/).file("/opt/pbx/.env", "DB_PASSWORD=hunter2hunter2\nDB_HOST=db\n"), message: `${LT}: writes DB_PASSWORD in plaintext into /opt/pbx/.env through the user data` },
        { when: "nothing fills the .env", change: (env) => env.command(/secretsmanager get-secret-value/), message: `${LT}: does not fill /opt/pbx/.env from Secrets Manager at boot` },
        { when: "the secret is not the program's", change: (env) => env.set("app-env", "name", "other/secret"), message: /reads secret warden-pbx\/app-env, which is not a Secrets Manager secret of this program/ },
        { when: "the secret holds no generated password", change: (env) => env.depend("app-env-version", "secretString", ["db"]), message: 'aws:secretsmanager/secret:Secret "app-env": holds no version derived from generated passwords (random.RandomPassword)', resource: "app-env" },
        { when: "the .env stays world-readable", change: (env) => env.command(/^chmod 600 \/opt\/pbx\/.env$/), message: /leaves \/opt\/pbx\/.env with mode from umask/ },
        { when: "the unit loads no .env", change: (env) => env.editFile("/etc/systemd/system/pbx.service", (text) => text.replace("EnvironmentFile=/opt/pbx/.env\n", "")), message: /loads no EnvironmentFile/ },
        {
            when: "a boot command appends a password to the .env",
            change: (env) => env.list("runcmd", (lines) => [...lines, "echo TRUNK_PASSWORD=hunter2 >> /opt/pbx/.env"]),
            message: new RegExp(`^${LT}: puts TRUNK_PASSWORD in plaintext into the boot command at runcmd line \\d+ \\(echo TRUNK_PASSWORD=\\*\\*\\* >> /opt/pbx/.env\\)$`),
        },
        { when: "another file of the user data holds a password", change: (env) => env.file("/etc/pbx/trunk.env", "TRUNK_USERNAME=pbx\nTRUNK_PASSWORD=hunter2\n"), message: `${LT}: writes TRUNK_PASSWORD in plaintext into /etc/pbx/trunk.env through the user data` },
        { when: "a JSON file holds a token", change: (env) => env.file("/etc/pbx/webhook.json", JSON.stringify({ url: "https://hooks.example.com", token: "abc123" }, null, 2)), message: `${LT}: writes token in plaintext into /etc/pbx/webhook.json through the user data` },
        { when: "a bootcmd passes a password flag", change: (env) => env.list("bootcmd", (lines) => [...lines, "pbx-admin --db-password s3cr3t migrate"]), message: `${LT}: puts --db-password in plaintext into the boot command at bootcmd line 3 (pbx-admin --db-password *** migrate)` },
        // cloud-init's own password settings are user data too.
        { when: "chpasswd sets ubuntu's password in plaintext (type text)", change: (env) => (env.cloud.chpasswd = { users: [{ name: "ubuntu", password: "changeme", type: "text" }] }), message: `${LT}: writes ubuntu's password in plaintext into cloud-init chpasswd.users[0] through the user data` },
        { when: "a user's plain_text_passwd is set", change: (env) => env.list("users", (users) => [...users, { name: "ops", plain_text_passwd: "Tr0ub4dor&3" }]), message: `${LT}: writes ops's password in plaintext into cloud-init users[2] (plain_text_passwd) through the user data` },
        {
            when: "a user's password hash is in the user data",
            change: (env) => env.list("users", (users) => [...users, { name: "ops", passwd: "$6$rounds=4096$salt$0123456789abcdefABCDEF" }]),
            message: `${LT}: puts the hash of ops's password into cloud-init users[2] (passwd) of the user data, where anyone who can read it can crack it offline`,
        },
        { when: "chpasswd's list sets a password in plaintext", change: (env) => (env.cloud.chpasswd = { list: ["ubuntu:Tr0ub4dor&3"] }), message: /writes ubuntu's password in plaintext into cloud-init chpasswd.list line 1 through the user data/ },
        { when: "a command sets a password in the environment", change: (env) => env.list("runcmd", (lines) => [...lines, "cd /opt/pbx && PGPASSWORD='hunter2' psql -h db -c 'select 1'"]), message: /puts PGPASSWORD in plaintext into the boot command at runcmd line \d+/ },
    ],
    passes: [
        { when: "a boot command reads a password from Secrets Manager into a variable", change: (env) => env.list("runcmd", (lines) => [...lines, 'TRUNK_PASSWORD="$(aws secretsmanager get-secret-value --secret-id warden-pbx/trunk --query SecretString --output text)" && echo "TRUNK_PASSWORD=$TRUNK_PASSWORD" >> /opt/pbx/.env']) },
        { when: "a file names where a key lives", change: (env) => env.file("/etc/pbx/tls.conf", "private_key_path = /etc/pbx/tls/key.pem\npassword_file: /run/secrets/db\n") },
        { when: "chpasswd generates the passwords (RANDOM)", change: (env) => (env.cloud.chpasswd = { users: [{ name: "ubuntu", type: "RANDOM" }], list: ["root:R"] }) },
    ],
    unknown: (env) => env.set("app-env", "name", UNKNOWN),
});

describeRule({
    rule: databaseConnection,
    fails: [
        { when: "SQLite is configured", change: pbxConfig((config) => (config.database = { type: "sqlite", path: "pbx.db" })), message: /sets database.type sqlite; production uses postgresql/ },
        { when: "the password is a literal", change: pbxConfig((config) => (config.database.password = "hunter2")), message: `${LT}: /etc/pbx/config.yml holds the database password as a literal; use \${DB_PASSWORD} from the environment file` },
        { when: "another database is named", change: pbxConfig((config) => (config.database.name = "postgres")), message: /connects to database postgres, not pbx_system/ },
    ],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: sipRtpConfig,
    fails: [{ when: "the RTP range differs from the firewall", change: pbxConfig((config) => (config.server.rtp_port_range_end = 30000)), message: `${LT}: /etc/pbx/config.yml sets server.rtp_port_range_end to 30000; the firewall opens 20000` }],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: codecs,
    fails: [{ when: "no codec is enabled", change: pbxConfig((config) => (config.codecs = { pcmu: { enabled: false } })), message: `${LT}: /etc/pbx/config.yml enables no codec (codecs section)` }],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: dialplan,
    fails: [
        { when: "911 cannot be dialed", change: pbxConfig((config) => delete config.dialplan.emergency_pattern), message: `${LT}: /etc/pbx/config.yml has no dialplan pattern matching 911` },
        { when: "a pattern is broken", change: pbxConfig((config) => (config.dialplan.internal_pattern = "^1[0-9{3}$")), message: /dialplan.internal_pattern is not a valid pattern/ },
        { when: "there is no dialplan", change: pbxConfig((config) => delete config.dialplan), message: /has no dialplan rules/ },
    ],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: sipTrunks,
    fails: [
        { when: "no trunk is configured", change: pbxConfig((config) => (config.trunks = null)), message: `${LT}: /etc/pbx/config.yml configures no SIP trunk, so calls cannot reach the public network` },
        { when: "a trunk password is a literal", change: pbxConfig((config) => (config.trunks[0].password = "s3cret")), message: /trunk 1 holds its password as a literal/ },
    ],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: voicePrompts,
    fails: [
        { when: "prompts are never generated", change: (env) => env.command(/generate_tts_prompts/), message: `${LT}: never runs generate_tts_prompts.py, so voice prompts are not generated` },
        { when: "only voicemail prompts are generated", change: (env) => env.command(/generate_tts_prompts/, "cd /opt/pbx && venv/bin/python scripts/generate_tts_prompts.py --vm-only"), message: /generates only part of the prompts/ },
    ],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: promptSampleRate,
    passes: [{ when: "the script's default rate is used", change: (env) => env.command(/generate_tts_prompts/, "cd /opt/pbx && venv/bin/python scripts/generate_tts_prompts.py") }],
    fails: [{ when: "prompts are generated at 16 kHz", change: (env) => env.command(/generate_tts_prompts/, "cd /opt/pbx && venv/bin/python scripts/generate_tts_prompts.py --sample-rate 16000"), message: `${LT}: generates prompts at 16000 Hz; PCMU needs 8000 Hz` }],
    unknown: USERDATA_UNKNOWN,
});

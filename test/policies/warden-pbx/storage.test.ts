// Storage (1.3): data volumes sized from extensions and mounted where the PBX writes, log
// rotation, database growth, links.
import dbStorageGrowth from "../../../policies/warden-pbx/rules/storage/db-storage-growth";
import logRotation from "../../../policies/warden-pbx/rules/storage/log-rotation";
import recordingsPartition from "../../../policies/warden-pbx/rules/storage/recordings-partition";
import recordingsStorage from "../../../policies/warden-pbx/rules/storage/recordings-storage";
import symlinks from "../../../policies/warden-pbx/rules/storage/symlinks";
import voicemailPartition from "../../../policies/warden-pbx/rules/storage/voicemail-partition";
import voicemailStorage from "../../../policies/warden-pbx/rules/storage/voicemail-storage";
import { describeRule } from "./cases";
import { PBX_CONFIG, UNKNOWN } from "./environment";
import * as YAML from "yaml";

const LT = 'aws:ec2/launchTemplate:LaunchTemplate "pbx-lt"';
const withConfig = (edit: (config: typeof PBX_CONFIG) => void) => {
    const config = JSON.parse(JSON.stringify(PBX_CONFIG));
    edit(config);
    return YAML.stringify(config);
};

describeRule({
    rule: voicemailStorage,
    fails: [
        { when: "the volume is smaller than the estimate", change: (env) => env.set("pbx", "tags.readiness:extensions", "600"), message: 'aws:ebs/volume:Volume "voicemail": holds 50 GB for voicemail; 600 extensions x 100 MB (at least 10 GB) need 59 GB', resource: "voicemail" },
        { when: "no voicemail volume is attached", change: (env) => env.remove("voicemail-attachment"), message: 'aws:ec2/instance:Instance "pbx": has no attached EBS volume tagged readiness:purpose=voicemail, so voicemail have no storage allocated', resource: "pbx" },
    ],
    unknown: (env) => env.set("voicemail", "size", UNKNOWN),
});

describeRule({
    rule: recordingsStorage,
    fails: [{ when: "the volume is smaller than the estimate", change: (env) => env.set("recordings", "size", 15), message: /holds 15 GB for recordings; 50 extensions x 500 MB \(at least 20 GB\) need 25 GB/, resource: "recordings" }],
    unknown: (env) => env.set("recordings-attachment", "deviceName", UNKNOWN).set("recordings", "size", UNKNOWN),
});

describeRule({
    rule: voicemailPartition,
    fails: [
        { when: "the volume is never mounted", change: (env) => (env.cloud.mounts = [(env.cloud.mounts as unknown[])[1]]), message: `${LT}: attaches the voicemail volume at /dev/sdf but cloud-init never mounts it (mounts / fs_setup)` },
        { when: "the PBX writes voicemail elsewhere", change: (env) => env.command(/^ln -sfn \/var\/lib\/pbx\/voicemail/), message: `${LT}: mounts the voicemail volume at /var/lib/pbx/voicemail, but the PBX writes voicemail to /opt/pbx/voicemail` },
        { when: "there is no voicemail volume", change: (env) => env.remove("voicemail-attachment"), message: /has no dedicated volume for voicemail/ },
    ],
    unknown: (env) => env.set("voicemail-attachment", "deviceName", UNKNOWN),
});

describeRule({
    rule: recordingsPartition,
    passes: [{ when: "config.yml points at the mount itself", change: (env) => env.file("/etc/pbx/config.yml", withConfig((config) => (config.recording.storage_path = "/var/lib/pbx/recordings"))) }],
    fails: [{ when: "the PBX writes recordings elsewhere", change: (env) => env.file("/etc/pbx/config.yml", withConfig((config) => (config.recording.storage_path = "/srv/recordings"))), message: /but the PBX writes recordings to \/srv\/recordings/ }],
    unknown: (env) => env.set("pbx-lt", "userData", UNKNOWN),
});

describeRule({
    rule: symlinks,
    fails: [{ when: "the link to the recordings mount is missing", change: (env) => env.command(/^ln -sfn \/var\/lib\/pbx\/recordings/), message: `${LT}: the PBX writes recordings to /opt/pbx/recordings, which no symbolic link leads to the recordings volume mounted at /var/lib/pbx/recordings` }],
    unknown: (env) => env.set("pbx-lt", "userData", UNKNOWN),
    notApplicable: {
        when: "config.yml uses the mount points directly",
        change: (env) =>
            env.file(
                "/etc/pbx/config.yml",
                withConfig((config) => {
                    config.recording.storage_path = "/var/lib/pbx/recordings";
                    config.voicemail.storage_path = "/var/lib/pbx/voicemail";
                }),
            ),
        reason: /no link is needed/,
    },
});

describeRule({
    rule: logRotation,
    fails: [
        { when: "no logrotate file covers the PBX logs", change: (env) => env.removeFile("/etc/logrotate.d/pbx"), message: `${LT}: has no logrotate configuration for /var/log/pbx/` },
        { when: "the stanza keeps logs forever uncompressed", change: (env) => env.editFile("/etc/logrotate.d/pbx", (text) => text.replace("    rotate 30\n", "").replace("    compress\n", "")), message: `${LT}: /etc/logrotate.d/pbx rotates /var/log/pbx/*.log without a rotate count, compress` },
        { when: "the PBX logs to another directory", change: (env) => env.file("/etc/pbx/config.yml", withConfig((config) => (config.logging.file = "/srv/log/pbx.log"))), message: /has no logrotate configuration for \/srv\/log\// },
    ],
    unknown: (env) => env.set("pbx-lt", "userData", UNKNOWN),
});

describeRule({
    rule: dbStorageGrowth,
    fails: [
        { when: "storage autoscaling is off", change: (env) => env.set("db", "maxAllocatedStorage", undefined), message: 'aws:rds/instance:Instance "db": has storage autoscaling off (maxAllocatedStorage unset, allocatedStorage 100), so it stops when the disk fills', resource: "db" },
        { when: "no alarm watches free storage", change: (env) => env.remove("db-free-storage"), message: 'no CloudWatch alarm watches free storage of database "db"' },
        { when: "the alarm notifies nobody", change: (env) => env.remove("alerts-email"), message: /watches free storage of database "db" but notifies topic "alerts", which has no subscription/, resource: "db-free-storage" },
    ],
    unknown: (env) => env.set("db", "maxAllocatedStorage", UNKNOWN),
});

import fileOwnership from "../../../policies/warden-pbx/rules/storage/file-ownership";

describeRule({
    rule: fileOwnership,
    fails: [
        { when: "the recordings directory stays root's", change: (env) => env.command(/^chown -R pbx:pbx \/var\/lib\/pbx\/voicemail/, "chown -R pbx:pbx /var/lib/pbx/voicemail"), message: `${LT}: leaves the recordings directory /var/lib/pbx/recordings owned by root:root; it must belong to pbx` },
        { when: "config.yml is world-readable", change: (env) => env.file("/etc/pbx/config.yml", YAML.stringify(PBX_CONFIG), { owner: "root:pbx", permissions: "0644" }), message: `${LT}: leaves config.yml /etc/pbx/config.yml with mode 0644, readable by other users` },
        { when: "the .env belongs to root's group", change: (env) => env.command(/^chown pbx:pbx \/opt\/pbx\/.env$/, "chown root:root /opt/pbx/.env").command(/^chown -R pbx:pbx \/opt\/pbx$/, "chown -R pbx:pbx /opt/pbx/venv"), message: /leaves the environment file \/opt\/pbx\/.env owned by root:root/ },
    ],
    unknown: (env) => env.set("pbx-lt", "userData", UNKNOWN),
});

// The systemd service (2.2.1).
import environment from "../../../policies/warden-pbx/rules/service/environment";
import restartPolicy from "../../../policies/warden-pbx/rules/service/restart-policy";
import serviceEnabled from "../../../policies/warden-pbx/rules/service/service-enabled";
import serviceUser from "../../../policies/warden-pbx/rules/service/service-user";
import startsOnBoot from "../../../policies/warden-pbx/rules/service/starts-on-boot";
import unitInstalled from "../../../policies/warden-pbx/rules/service/unit-installed";
import workingDirectory from "../../../policies/warden-pbx/rules/service/working-directory";
import { describeRule } from "./cases";
import { Environment, UNKNOWN } from "./environment";

const LT = 'aws:ec2/launchTemplate:LaunchTemplate "pbx-lt"';
const UNIT = "/etc/systemd/system/pbx.service";
const unit = (from: string | RegExp, to: string) => (env: Environment) => env.editFile(UNIT, (text) => text.replace(from, to));
const USERDATA_UNKNOWN = (env: Environment) => env.set("pbx-lt", "userData", UNKNOWN);

describeRule({
    rule: unitInstalled,
    fails: [
        { when: "the unit is not written", change: (env) => env.removeFile(UNIT), message: `${LT}: writes no /etc/systemd/system/pbx.service` },
        { when: "the unit has no ExecStart", change: unit(/ExecStart=.*\n/, ""), message: `${LT}: ${UNIT} has no [Service] ExecStart` },
    ],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: serviceUser,
    fails: [{ when: "the unit has no User=", change: unit("User=pbx\n", ""), message: `${LT}: ${UNIT} runs the PBX as root (no User=)` }],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: workingDirectory,
    fails: [
        { when: "no WorkingDirectory is set", change: unit("WorkingDirectory=/opt/pbx\n", ""), message: `${LT}: ${UNIT} sets no absolute WorkingDirectory` },
        { when: "the repository is cloned elsewhere", change: unit("WorkingDirectory=/opt/pbx", "WorkingDirectory=/srv/pbx"), message: `${LT}: ${UNIT} works in /srv/pbx, but no boot command clones the PBX there` },
    ],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: environment,
    fails: [
        { when: "the unit sets no environment", change: (env) => unit("EnvironmentFile=/opt/pbx/.env\n", "")(env).editFile(UNIT, (text) => text.replace("Environment=PBX_ENV=production\n", "")), message: `${LT}: ${UNIT} sets no Environment= or EnvironmentFile=` },
        { when: "the environment file is never created", change: unit("EnvironmentFile=/opt/pbx/.env", "EnvironmentFile=/etc/pbx/pbx.env"), message: `${LT}: ${UNIT} requires /etc/pbx/pbx.env, which nothing creates at boot, so the service cannot start` },
    ],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: restartPolicy,
    passes: [{ when: "Restart=always is used", change: unit("Restart=on-failure", "Restart=always") }],
    fails: [
        { when: "Restart=no is set", change: unit("Restart=on-failure", "Restart=no"), message: `${LT}: ${UNIT} sets Restart=no, so a crashed PBX stays down` },
        { when: "Restart= is missing", change: unit("Restart=on-failure\n", ""), message: /sets Restart=no/ },
    ],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: serviceEnabled,
    passes: [{ when: "enable is a separate command", change: (env) => env.command(/^systemctl enable --now pbx.service$/, "systemctl enable pbx") }],
    fails: [{ when: "the unit is only started", change: (env) => env.command(/^systemctl enable --now pbx.service$/, "systemctl start pbx"), message: `${LT}: never runs \`systemctl enable pbx\`, so ${UNIT} is not enabled` }],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: startsOnBoot,
    fails: [
        { when: "the unit has no [Install] section", change: unit("[Install]\nWantedBy=multi-user.target\n", ""), message: `${LT}: ${UNIT} has no [Install] WantedBy=multi-user.target, so enabling it does not start it at boot` },
        { when: "the first boot does not start it", change: (env) => env.command(/^systemctl enable --now pbx.service$/, "systemctl enable pbx"), message: `${LT}: never starts the PBX on the first boot (systemctl enable --now / start)` },
    ],
    unknown: USERDATA_UNKNOWN,
});

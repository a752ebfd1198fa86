// Capacity (6.2, 6.3) and maintenance (9.2, 9.3).
import kernelTuning from "../../../policies/warden-pbx/rules/capacity/kernel-tuning";
import maxConcurrentCalls from "../../../policies/warden-pbx/rules/capacity/max-concurrent-calls";
import maxExtensions from "../../../policies/warden-pbx/rules/capacity/max-extensions";
import rtpBuffers from "../../../policies/warden-pbx/rules/capacity/rtp-buffers";
import maintenanceWindows from "../../../policies/warden-pbx/rules/maintenance/maintenance-windows";
import updateChecking from "../../../policies/warden-pbx/rules/maintenance/update-checking";
import { describeRule } from "./cases";
import { Environment, UNKNOWN } from "./environment";

const LT = 'aws:ec2/launchTemplate:LaunchTemplate "pbx-lt"';
const USERDATA_UNKNOWN = (env: Environment) => env.set("pbx-lt", "userData", UNKNOWN);

describeRule({
    rule: maxExtensions,
    fails: [
        { when: "the tag is missing", change: (env) => env.set("pbx", "tags.readiness:extensions", undefined).set("pbx", "tags.readiness:role", "pbx"), message: 'aws:ec2/instance:Instance "pbx": records no maximum extension count (tag readiness:extensions is null)', resource: "pbx" },
        { when: "the tag is not a number", change: (env) => env.set("pbx", "tags.readiness:extensions", "many"), message: /tag readiness:extensions is "many"/ },
    ],
    unknown: (env) => env.set("pbx", "tags", UNKNOWN),
});

describeRule({
    rule: maxConcurrentCalls,
    fails: [
        { when: "the RTP range cannot carry the maximum", change: (env) => env.set("pbx-concurrent-calls", "threshold", 4000), message: `${LT}: /etc/pbx/config.yml opens 10001 RTP ports, too few for 4000 concurrent calls at 4 ports each` },
        { when: "no alarm records the maximum", change: (env) => env.remove("pbx-concurrent-calls"), message: /^no CloudWatch alarm watches concurrent calls against a recorded maximum/ },
    ],
    unknown: (env) => env.set("pbx-concurrent-calls", "threshold", UNKNOWN),
});

describeRule({
    rule: rtpBuffers,
    fails: [
        { when: "the buffers keep the kernel default", change: (env) => env.removeFile("/etc/sysctl.d/60-voip.conf"), message: `${LT}: sets net.core.rmem_max to the kernel default; at least 4194304 is required for RTP` },
        { when: "the settings are never applied", change: (env) => env.command(/^sysctl --system$/), message: `${LT}: writes /etc/sysctl.d/60-voip.conf but never applies it at first boot (sysctl --system)` },
    ],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: kernelTuning,
    passes: [{ when: "the file is applied by name", change: (env) => env.command(/^sysctl --system$/, "sysctl -p /etc/sysctl.d/60-voip.conf") }],
    fails: [{ when: "no kernel parameter is tuned", change: (env) => env.removeFile("/etc/sysctl.d/60-voip.conf"), message: `${LT}: tunes no kernel parameter (no /etc/sysctl.d file)` }],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: maintenanceWindows,
    fails: [
        { when: "RDS picks the maintenance window", change: (env) => env.set("db", "maintenanceWindow", undefined), message: 'aws:rds/instance:Instance "db": has no maintenance window, so RDS picks one at random', resource: "db" },
        { when: "reboots may happen at any time", change: (env) => env.editFile("/etc/apt/apt.conf.d/50unattended-upgrades", (text) => text.replace('Unattended-Upgrade::Automatic-Reboot-Time "04:30";\n', "")), message: `${LT}: lets unattended-upgrades reboot the PBX at any time (no Automatic-Reboot-Time)` },
    ],
    unknown: (env) => env.set("db", "maintenanceWindow", UNKNOWN),
});

describeRule({
    rule: updateChecking,
    fails: [{ when: "package lists are not refreshed", change: (env) => env.editFile("/etc/apt/apt.conf.d/20auto-upgrades", (text) => text.replace('Update-Package-Lists "1"', 'Update-Package-Lists "0"')), message: `${LT}: does not check for updates daily (APT::Periodic::Update-Package-Lists "1")` }],
    unknown: USERDATA_UNKNOWN,
});

// Log management (4.2.1) and the watch on logs being written (2.2.2.4).
import appLogs from "../../../policies/warden-pbx/rules/logging/app-logs";
import auditLogs from "../../../policies/warden-pbx/rules/logging/audit-logs";
import centralizedLogging from "../../../policies/warden-pbx/rules/logging/centralized-logging";
import logLevel from "../../../policies/warden-pbx/rules/logging/log-level";
import logRetention from "../../../policies/warden-pbx/rules/logging/log-retention";
import logsWritten from "../../../policies/warden-pbx/rules/logging/logs-written";
import { describeRule } from "./cases";
import { AGENT_CONFIG, Environment, PBX_CONFIG, UNKNOWN } from "./environment";
import * as YAML from "yaml";

const LT = 'aws:ec2/launchTemplate:LaunchTemplate "pbx-lt"';
const CONFIG = "/etc/pbx/config.yml";
const USERDATA_UNKNOWN = (env: Environment) => env.set("pbx-lt", "userData", UNKNOWN);
const pbxConfig = (edit: (config: Record<string, any>) => void) => (env: Environment) => {
    const config = JSON.parse(JSON.stringify(PBX_CONFIG));
    edit(config);
    env.file(CONFIG, YAML.stringify(config), { owner: "root:pbx", permissions: "0640" });
};
const agent = (edit: (config: Record<string, any>) => void) => (env: Environment) => {
    const config = JSON.parse(JSON.stringify(AGENT_CONFIG));
    edit(config);
    env.file("/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json", JSON.stringify(config));
};

describeRule({
    rule: appLogs,
    fails: [
        { when: "the PBX logs into its app directory", change: pbxConfig((config) => (config.logging.file = "logs/pbx.log")), message: `${LT}: ${CONFIG} logs to logs/pbx.log, not into /var/log/pbx/` },
        { when: "the log directory is not the PBX user's", change: (env) => env.editFile("/etc/systemd/system/pbx.service", (text) => text.replace("LogsDirectory=pbx\n", "")), message: `${LT}: leaves /var/log/pbx owned by nobody it creates, so the PBX (user pbx) cannot write its log` },
    ],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: logRetention,
    fails: [
        { when: "the PBX log group keeps 7 days", change: (env) => env.set("pbx-app-logs", "retentionInDays", 7), message: 'aws:cloudwatch/logGroup:LogGroup "pbx-app-logs": keeps logs 7 days; 30-90 days are required', resource: "pbx-app-logs" },
        { when: "the nginx log group keeps logs forever", change: (env) => env.set("pbx-nginx-logs", "retentionInDays", undefined), message: /"pbx-nginx-logs": keeps logs forever/ },
        { when: "logs go to a group the program does not create", change: (env) => env.remove("pbx-auth-logs"), message: `${LT}: ships /var/log/auth.log to log group /warden-pbx/auth, which this program does not create with a retention` },
    ],
    unknown: (env) => env.set("pbx-app-logs", "retentionInDays", UNKNOWN),
});

describeRule({
    rule: centralizedLogging,
    fails: [
        { when: "the PBX log is not shipped", change: agent((config) => (config.logs.logs_collected.files.collect_list = config.logs.logs_collected.files.collect_list.slice(1))), message: `${LT}: does not ship the PBX log /var/log/pbx/pbx.log to a log group of this program` },
        { when: "the agent is never started", change: (env) => env.command(/amazon-cloudwatch-agent-ctl/), message: /never starts the agent with it .*, so the PBX log stays on the host/ },
    ],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: logLevel,
    fails: [
        { when: "the PBX logs at DEBUG", change: pbxConfig((config) => (config.logging.level = "DEBUG")), message: `${LT}: ${CONFIG} logs at level DEBUG; production uses INFO or WARNING` },
        { when: "WebRTC logs verbosely", change: pbxConfig((config) => (config.features.webrtc.verbose_logging = true)), message: /turns on verbose WebRTC logging/ },
    ],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: auditLogs,
    fails: [
        { when: "the PBX's audit log is off", change: pbxConfig((config) => (config.security.audit.enabled = false)), message: `${LT}: ${CONFIG} does not enable the PBX's audit log (security.audit.enabled)` },
        { when: "there is no CloudTrail trail", change: (env) => env.remove("trail"), message: "no CloudTrail trail records administrative API actions" },
        { when: "the trail covers one region", change: (env) => env.set("trail", "isMultiRegionTrail", false), message: "no CloudTrail trail covers every region with log file validation" },
    ],
    unknown: (env) => env.set("trail", "isMultiRegionTrail", UNKNOWN),
});

describeRule({
    rule: logsWritten,
    fails: [
        { when: "no alarm watches the log group", change: (env) => env.remove("pbx-logs-silent"), message: 'no CloudWatch alarm watches the PBX log group "pbx-app-logs" falling silent (IncomingLogEvents below a threshold)' },
        { when: "the alarm fires on too many events", change: (env) => env.set("pbx-logs-silent", "comparisonOperator", "GreaterThanThreshold"), message: /no CloudWatch alarm watches the PBX log group/ },
    ],
    unknown: (env) => env.set("pbx-logs-silent", "comparisonOperator", UNKNOWN),
});

// The Warden PBX blueprint under the recording mocks: the exact inputs of the resources the
// blueprint itself creates (firewall openings, DNS, logs, metric filters, alarms, dashboard,
// backups, secrets, the host's extra grants), and that a bad config stops before any resource.
import * as YAML from "yaml";
import { RecordedResource, RecordingSession } from "../../gate/program";
import { buildEnvironment } from "../../stacks";
import { ConfigReader, mapConfigSource } from "../../stacks/config";
import { WardenPbx } from "../../stacks/warden-pbx";
import { readWardenPbxConfig } from "../../stacks/warden-pbx-config";
import { inputsOf, named, ofType, recordingMocks } from "../helpers/mocks";

const SETTINGS = { wardenDomain: "example.com", wardenAlertEmail: "ops@example.com", wardenSipSourceCidrs: ["198.51.100.0/24", "203.0.113.0/24"] };
const tags = { "readiness:blueprint": "warden-pbx" };

let session: RecordingSession;
let badConfig: { error: unknown; registered: number };

beforeAll(async () => {
    session = await recordingMocks();
    // A config with problems: no SIP sources, a retention CloudWatch cannot keep, a mistyped key.
    try {
        buildEnvironment(mapConfigSource("readiness-kit", { blueprints: ["warden-pbx"], wardenDomain: "example.com", wardenAlertEmail: "ops@example.com", wardenLogRetentionDays: 45, wardenExtension: 80 }));
        badConfig = { error: undefined, registered: 0 };
    } catch (error) {
        await session.settle();
        badConfig = { error, registered: session.resources.length };
    }
    const reader = new ConfigReader(mapConfigSource("readiness-kit", SETTINGS));
    const config = readWardenPbxConfig(reader);
    reader.throwIfInvalid();
    new WardenPbx("warden-pbx", config);
    await session.settle();
});

const resource = (type: string, name: string) => named(session, type, name);
const urn = (type: string, name: string) => resource(type, name).urn;
const property = (type: string, name: string, key: string) => resource(type, name).properties[key];
const INSTANCE = "aws:ec2/instance:Instance";
const instanceId = () => {
    const id = resource(INSTANCE, "warden-pbx-host-instance").id;
    expect(id).toMatch(/^instance-/);
    return id;
};
const TOPIC = "aws:sns/topic:Topic";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const RECORD = "aws:route53/record:Record";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";

describe("config validation", () => {
    it("reports every problem before any resource is registered: a bad config registers nothing", () => {
        expect(badConfig.registered).toBe(0);
        const message = String((badConfig.error as Error)?.message);
        expect(message).toContain("readiness-kit:wardenSipSourceCidrs: required");
        expect(message).toContain("readiness-kit:wardenLogRetentionDays: CloudWatch Logs keeps 30, 60 or 90 days in this range, not 45");
        expect(message).toContain("readiness-kit:wardenExtension: not a setting of this project (did you mean wardenExtensions?)");
    });
});

describe("firewall", () => {
    const hostRules = () =>
        Object.fromEntries(
            ofType(session, RULE)
                .filter((rule) => rule.name.startsWith("warden-pbx-host-") || rule.name.startsWith("warden-pbx-web-lb-"))
                .map((rule) => {
                    const { securityGroupId, ...rest } = inputsOf(rule);
                    expect(securityGroupId).toEqual(expect.stringMatching(/^securitygroup-/));
                    return [rule.name, rest];
                }),
        );

    it("opens SIP over UDP and TLS and the RTP range to the SIP networks only, and the host's nginx on 443 to the load balancer only", () => {
        const named = (rule: string, cidr: string, protocol: string, from: number, to: number, description: string) => ({ cidrIpv4: cidr, ipProtocol: protocol, fromPort: from, toPort: to, description, tags: { ...tags, Name: rule } });
        expect(hostRules()).toEqual({
            "warden-pbx-host-sip-0": named("warden-pbx-host-sip", "198.51.100.0/24", "udp", 5060, 5060, "SIP signalling"),
            "warden-pbx-host-sip-1": named("warden-pbx-host-sip", "203.0.113.0/24", "udp", 5060, 5060, "SIP signalling"),
            "warden-pbx-host-sips-0": named("warden-pbx-host-sips", "198.51.100.0/24", "tcp", 5061, 5061, "SIP over TLS"),
            "warden-pbx-host-sips-1": named("warden-pbx-host-sips", "203.0.113.0/24", "tcp", 5061, 5061, "SIP over TLS"),
            "warden-pbx-host-rtp-0": named("warden-pbx-host-rtp", "198.51.100.0/24", "udp", 10000, 20000, "RTP media"),
            "warden-pbx-host-rtp-1": named("warden-pbx-host-rtp", "203.0.113.0/24", "udp", 10000, 20000, "RTP media"),
            "warden-pbx-host-web": { referencedSecurityGroupId: expect.stringMatching(/^securitygroup-/), ipProtocol: "tcp", fromPort: 443, toPort: 443, description: "nginx from the load balancer" },
            "warden-pbx-web-lb-https": named("warden-pbx-web-lb-https", "0.0.0.0/0", "tcp", 443, 443, "HTTPS"),
            "warden-pbx-web-lb-http": named("warden-pbx-web-lb-http", "0.0.0.0/0", "tcp", 80, 80, "HTTP, redirected to HTTPS"),
        });
        // No SSH without admin networks; the web rule joins the host's group to the load balancer's.
        const web = resource(RULE, "warden-pbx-host-web");
        expect(web.propertyDependencies.securityGroupId).toEqual([urn(SG, "warden-pbx-host-sg")]);
        expect(web.propertyDependencies.referencedSecurityGroupId).toEqual([urn(SG, "warden-pbx-web-lb-sg")]);
    });
});

describe("DNS", () => {
    it("names the SIP address (A and PTR) and announces SIP over UDP and over TLS (SRV)", () => {
        const zone = property("aws:route53/zone:Zone", "warden-pbx-zone", "zoneId");
        const address = property("aws:ec2/eip:Eip", "warden-pbx-host-ip", "publicIp");
        expect(typeof address).toBe("string");
        expect(inputsOf(resource(RECORD, "warden-pbx-sip-a"))).toEqual({ zoneId: zone, name: "sip.example.com", type: "A", ttl: 300, records: [address] });
        expect(inputsOf(resource(RECORD, "warden-pbx-sip-srv"))).toEqual({ zoneId: zone, name: "_sip._udp.example.com", type: "SRV", ttl: 300, records: ["10 5 5060 sip.example.com."] });
        expect(inputsOf(resource(RECORD, "warden-pbx-sips-srv"))).toEqual({ zoneId: zone, name: "_sips._tcp.example.com", type: "SRV", ttl: 300, records: ["10 5 5061 sip.example.com."] });
        const ptr = resource("aws:ec2/eipDomainName:EipDomainName", "warden-pbx-sip-ptr");
        expect(inputsOf(ptr)).toEqual({ allocationId: property("aws:ec2/eip:Eip", "warden-pbx-host-ip", "allocationId"), domainName: "sip.example.com" });
        expect(ptr.dependencies).toContain(urn(RECORD, "warden-pbx-sip-a"));
    });
});

describe("logs and metric filters", () => {
    it("creates the groups the host's agent and RDS write to, encrypted, kept the configured 90 days", () => {
        const key = property("aws:kms/key:Key", "warden-pbx-data-key", "arn");
        const group = (resourceName: string, name: string) => [resourceName, { name, retentionInDays: 90, kmsKeyId: key, tags: { ...tags, Name: resourceName } }];
        expect(Object.fromEntries(ofType(session, LOG_GROUP).map((entry) => [entry.name, inputsOf(entry)]))).toEqual(
            Object.fromEntries([
                group("warden-pbx-app-logs", "/warden-pbx/pbx"),
                group("warden-pbx-nginx-logs", "/warden-pbx/nginx"),
                group("warden-pbx-auth-logs", "/warden-pbx/auth"),
                group("warden-pbx-flow-logs", "/warden-pbx/vpc-flow-logs"),
                group("warden-pbx-db-postgresql-logs", "/aws/rds/instance/warden-pbx-db/postgresql"),
                group("warden-pbx-db-upgrade-logs", "/aws/rds/instance/warden-pbx-db/upgrade"),
            ]),
        );
        // The agent may write to exactly the groups it ships to, and publish the PBX's namespace.
        const agent = JSON.parse(inputsOf(resource("aws:iam/rolePolicy:RolePolicy", "warden-pbx-host-cloudwatch-agent")).policy as string);
        expect(JSON.stringify(agent)).toContain("log-group:/warden-pbx/pbx");
        expect(JSON.stringify(agent)).toContain("log-group:/warden-pbx/nginx");
        expect(JSON.stringify(agent)).toContain("log-group:/warden-pbx/auth");
        expect(agent.Statement[0].Condition).toEqual({ StringEquals: { "cloudwatch:namespace": ["CWAgent", "Warden/PBX"] } });
    });

    it("counts the PBX's failed logins (the pbx-auth jails' lines) and sshd's key-only failures", () => {
        const filter = (name: string) => {
            const { name: autoName, ...rest } = inputsOf(resource("aws:cloudwatch/logMetricFilter:LogMetricFilter", name));
            expect(autoName).toMatch(new RegExp(`^${name}-`));
            return rest;
        };
        expect(filter("warden-pbx-failed-logins")).toEqual({
            logGroupName: "/warden-pbx/pbx",
            pattern: '?"Authentication failed" ?"Failed login"',
            metricTransformation: { namespace: "Warden/PBX", name: "FailedLogins", value: "1", defaultValue: "0" },
        });
        expect(filter("warden-pbx-ssh-failures")).toEqual({
            logGroupName: "/warden-pbx/auth",
            pattern: '?"Invalid user" ?"Failed publickey" ?"Connection closed by authenticating user"',
            metricTransformation: { namespace: "Warden/PBX", name: "SshFailedLogins", value: "1", defaultValue: "0" },
        });
        expect(resource("aws:cloudwatch/logMetricFilter:LogMetricFilter", "warden-pbx-failed-logins").propertyDependencies.logGroupName).toEqual([urn(LOG_GROUP, "warden-pbx-app-logs")]);
        expect(resource("aws:cloudwatch/logMetricFilter:LogMetricFilter", "warden-pbx-ssh-failures").propertyDependencies.logGroupName).toEqual([urn(LOG_GROUP, "warden-pbx-auth-logs")]);
    });
});

describe("alarms", () => {
    type Row = [string, string, string, string, string, number, number, number, string, Record<string, unknown>];
    const rows = (): Row[] => {
        const instance = instanceId();
        const onInstance = { InstanceId: instance };
        const db = { DBInstanceIdentifier: "warden-pbx-db" };
        return [
            ["cpu", "AWS/EC2", "CPUUtilization", "Average", "GreaterThanThreshold", 80, 300, 2, "breaching", onInstance],
            ["memory", "CWAgent", "mem_used_percent", "Average", "GreaterThanThreshold", 80, 300, 2, "breaching", onInstance],
            ["disk-root", "CWAgent", "disk_used_percent", "Average", "GreaterThanThreshold", 80, 300, 1, "breaching", { ...onInstance, path: "/" }],
            ["disk-voicemail", "CWAgent", "disk_used_percent", "Average", "GreaterThanThreshold", 80, 300, 1, "breaching", { ...onInstance, path: "/var/lib/pbx/voicemail" }],
            ["disk-recordings", "CWAgent", "disk_used_percent", "Average", "GreaterThanThreshold", 80, 300, 1, "breaching", { ...onInstance, path: "/var/lib/pbx/recordings" }],
            ["status-check", "AWS/EC2", "StatusCheckFailed", "Maximum", "GreaterThanThreshold", 0, 60, 2, "breaching", onInstance],
            ["network-out", "AWS/EC2", "NetworkOut", "Average", "GreaterThanThreshold", 5e9, 300, 2, "notBreaching", onInstance],
            ["load", "CWAgent", "processes_running", "Average", "GreaterThanThreshold", 16, 300, 2, "breaching", onInstance],
            ["service-down", "CWAgent", "procstat_lookup_pid_count", "Average", "LessThanThreshold", 1, 60, 2, "breaching", { ...onInstance, pattern: "/opt/pbx/main.py", pid_finder: "native" }],
            ["registrations", "Warden/PBX", "ActiveRegistrations", "Average", "LessThanThreshold", 10, 300, 2, "breaching", {}],
            ["concurrent-calls", "Warden/PBX", "ConcurrentCalls", "Average", "GreaterThanThreshold", 40, 60, 3, "notBreaching", {}],
            ["call-quality", "Warden/PBX", "CallQualityMOS", "Average", "LessThanThreshold", 3.5, 300, 2, "notBreaching", {}],
            ["call-success", "Warden/PBX", "CallSuccessRate", "Average", "LessThanThreshold", 95, 300, 2, "notBreaching", {}],
            ["api-latency", "Warden/PBX", "ApiLatency", "Average", "GreaterThanThreshold", 1000, 60, 3, "notBreaching", {}],
            ["db-connection-errors", "Warden/PBX", "DatabaseConnectionErrors", "Sum", "GreaterThanThreshold", 0, 60, 1, "notBreaching", {}],
            ["db-pool", "Warden/PBX", "DatabasePoolInUse", "Average", "GreaterThanThreshold", 80, 60, 3, "notBreaching", {}],
            ["failed-logins", "Warden/PBX", "FailedLogins", "Sum", "GreaterThanThreshold", 10, 300, 1, "notBreaching", {}],
            ["ssh-failures", "Warden/PBX", "SshFailedLogins", "Sum", "GreaterThanThreshold", 10, 300, 1, "notBreaching", {}],
            ["sip-certificate-expiry", "Warden/PBX", "SipCertificateDaysToExpiry", "Minimum", "LessThanThreshold", 30, 86400, 1, "breaching", {}],
            ["certificate-expiry", "AWS/CertificateManager", "DaysToExpiry", "Minimum", "LessThanThreshold", 30, 86400, 1, "breaching", { CertificateArn: property("aws:acm/certificate:Certificate", "warden-pbx-web-certificate", "arn") }],
            ["db-free-storage", "AWS/RDS", "FreeStorageSpace", "Average", "LessThanThreshold", 10e9, 300, 1, "breaching", db],
            ["db-connections", "AWS/RDS", "DatabaseConnections", "Minimum", "LessThanThreshold", 1, 300, 2, "breaching", db],
            ["app-logs-silent", "AWS/Logs", "IncomingLogEvents", "Sum", "LessThanThreshold", 1, 900, 1, "breaching", { LogGroupName: "/warden-pbx/pbx" }],
            ["backup-failures", "AWS/Backup", "NumberOfBackupJobsFailed", "Sum", "GreaterThanThreshold", 0, 3600, 1, "notBreaching", { BackupVaultName: "warden-pbx-backup" }],
        ];
    };

    it("watches every threshold with the exact metric, statistic, period and dimensions, and no other alarm exists", () => {
        const topic = property(TOPIC, "warden-pbx-alerts-topic", "arn");
        const recorded = Object.fromEntries(
            ofType(session, ALARM).map((alarm) => {
                const { alarmDescription, tags: alarmTags, ...rest } = inputsOf(alarm);
                expect(typeof alarmDescription).toBe("string");
                expect(alarmTags).toEqual({ ...tags, Name: alarm.name });
                return [alarm.name, rest];
            }),
        );
        expect(recorded).toEqual(
            Object.fromEntries(
                rows().map(([name, namespace, metricName, statistic, comparisonOperator, threshold, period, evaluationPeriods, treatMissingData, dimensions]) => [
                    `warden-pbx-alarms-${name}`,
                    { name: `warden-pbx-alarms-${name}`, namespace, metricName, dimensions, statistic, comparisonOperator, threshold, period, evaluationPeriods, treatMissingData, alarmActions: [topic], okActions: [topic] },
                ]),
            ),
        );
    });

    it("notifies the alert topic, and its dimensions refer to what they watch", () => {
        const topic = urn(TOPIC, "warden-pbx-alerts-topic");
        for (const alarm of ofType(session, ALARM)) {
            expect([alarm.name, alarm.propertyDependencies.alarmActions, alarm.propertyDependencies.okActions]).toEqual([alarm.name, [topic], [topic]]);
        }
        expect(resource(ALARM, "warden-pbx-alarms-cpu").propertyDependencies.dimensions).toEqual([urn(INSTANCE, "warden-pbx-host-instance")]);
        expect(resource(ALARM, "warden-pbx-alarms-db-free-storage").propertyDependencies.dimensions).toEqual([urn("aws:rds/instance:Instance", "warden-pbx-db-db")]);
        expect(resource(ALARM, "warden-pbx-alarms-backup-failures").propertyDependencies.dimensions).toEqual([urn("aws:backup/vault:Vault", "warden-pbx-backup-vault")]);
        expect(resource(ALARM, "warden-pbx-alarms-app-logs-silent").propertyDependencies.dimensions).toEqual([urn(LOG_GROUP, "warden-pbx-app-logs")]);
    });

    it("routes GuardDuty findings to the alert topic, which AWS Backup, CloudWatch and EventBridge may publish to", () => {
        const rule = resource("aws:cloudwatch/eventRule:EventRule", "warden-pbx-guardduty-findings");
        const { name: ruleName, ...rest } = inputsOf(rule);
        expect(rest).toEqual({ description: "GuardDuty findings to the Warden PBX alert topic", eventPattern: JSON.stringify({ source: ["aws.guardduty"], "detail-type": ["GuardDuty Finding"] }), tags: { ...tags, Name: "warden-pbx-guardduty-findings" } });
        expect(inputsOf(resource("aws:cloudwatch/eventTarget:EventTarget", "warden-pbx-guardduty-findings"))).toEqual({ rule: ruleName, arn: property(TOPIC, "warden-pbx-alerts-topic", "arn") });
        const policy = JSON.parse(inputsOf(resource("aws:sns/topicPolicy:TopicPolicy", "warden-pbx-alerts-policy")).policy as string);
        expect(policy.Statement.map((statement: { Principal: Record<string, string> }) => statement.Principal.Service ?? statement.Principal.AWS)).toEqual([
            "arn:aws:iam::123456789012:root",
            "cloudwatch.amazonaws.com",
            "backup.amazonaws.com",
            "events.amazonaws.com",
        ]);
        const key = JSON.parse(inputsOf(resource("aws:kms/key:Key", "warden-pbx-data-key")).policy as string);
        expect(key.Statement[2]).toMatchObject({ Principal: { Service: ["backup.amazonaws.com", "events.amazonaws.com"] }, Action: ["kms:GenerateDataKey*", "kms:Decrypt"] });
    });
});

describe("dashboard", () => {
    it("plots the PBX's key metrics, the host's resources, the database and the security signals", () => {
        const instance = instanceId();
        const body = JSON.parse(inputsOf(resource("aws:cloudwatch/dashboard:Dashboard", "warden-pbx-dashboard")).dashboardBody as string);
        expect(body.widgets.map((widget: { properties: { metrics: unknown[] } }) => widget.properties.metrics)).toEqual([
            [["Warden/PBX", "ConcurrentCalls"], ["Warden/PBX", "ActiveRegistrations"]],
            [["Warden/PBX", "CallSuccessRate"], ["Warden/PBX", "AverageCallDuration"], ["Warden/PBX", "CallQualityMOS"]],
            [["Warden/PBX", "ApiLatency"], ["Warden/PBX", "DatabasePoolInUse"], ["Warden/PBX", "DatabaseConnectionErrors"]],
            [["AWS/EC2", "CPUUtilization", "InstanceId", instance], ["CWAgent", "mem_used_percent", "InstanceId", instance], ["CWAgent", "disk_used_percent", "InstanceId", instance, "path", "/"]],
            [["AWS/RDS", "ReadLatency", "DBInstanceIdentifier", "warden-pbx-db"], ["AWS/RDS", "WriteLatency", "DBInstanceIdentifier", "warden-pbx-db"]],
            [["Warden/PBX", "FailedLogins", { stat: "Sum" }], ["Warden/PBX", "SshFailedLogins", { stat: "Sum" }], ["Warden/PBX", "SipCertificateDaysToExpiry", { stat: "Minimum" }]],
        ]);
        expect(body.widgets.every((widget: { properties: { region: string } }) => widget.properties.region === "us-east-1")).toBe(true);
    });
});

describe("backups", () => {
    const arn = (type: string, name: string) => property(type, name, "arn");
    const volumes = () => [arn("aws:ebs/volume:Volume", "warden-pbx-host-voicemail"), arn("aws:ebs/volume:Volume", "warden-pbx-host-recordings")];

    it("backs up the database, the host and both data volumes", () => {
        const selection = resource("aws:backup/selection:Selection", "warden-pbx-backup-selection");
        expect(inputsOf(selection)).toEqual({
            name: "warden-pbx-backup",
            planId: resource("aws:backup/plan:Plan", "warden-pbx-backup-plan").id,
            iamRoleArn: arn("aws:iam/role:Role", "warden-pbx-backup-backup"),
            resources: [arn("aws:rds/instance:Instance", "warden-pbx-db-db"), arn(INSTANCE, "warden-pbx-host-instance"), ...volumes()],
        });
    });

    it("restore-tests the database, the volumes and the host weekly from its own vault, the host's clone in a group without rules", () => {
        const selections = Object.fromEntries(
            ofType(session, "aws:backup/restoreTestingSelection:RestoreTestingSelection").map((selection: RecordedResource) => [selection.name, [inputsOf(selection).protectedResourceType, inputsOf(selection).protectedResourceArns, inputsOf(selection).restoreMetadataOverrides]]),
        );
        const isolation = resource("aws:ec2/securityGroup:SecurityGroup", "warden-pbx-restore-isolation-sg");
        expect(selections).toEqual({
            "warden-pbx-backup-restore-testing-rds": ["RDS", [arn("aws:rds/instance:Instance", "warden-pbx-db-db")], undefined],
            "warden-pbx-backup-restore-testing-ebs": ["EBS", volumes(), undefined],
            "warden-pbx-backup-restore-testing-ec2": [
                "EC2",
                [arn("aws:ec2/instance:Instance", "warden-pbx-host-instance")],
                { SubnetId: resource("aws:ec2/subnet:Subnet", "warden-pbx-private-0").id, SecurityGroupIds: JSON.stringify([isolation.id]) },
            ],
        });
        expect(inputsOf(isolation)).toEqual({ name: expect.stringMatching(/^warden-pbx-restore-isolation-sg-/), vpcId: resource("aws:ec2/vpc:Vpc", "warden-pbx-vpc").id, description: "Restore tests of the PBX host: no inbound, no outbound traffic", tags: { "readiness:blueprint": "warden-pbx", Name: "warden-pbx-restore-isolation" } });
        const rulesOfIsolation = [...ofType(session, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"), ...ofType(session, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")].filter((rule: RecordedResource) =>
            (rule.propertyDependencies.securityGroupId ?? []).includes(isolation.urn),
        );
        expect(rulesOfIsolation).toEqual([]);
        expect(inputsOf(resource("aws:backup/restoreTestingPlan:RestoreTestingPlan", "warden-pbx-backup-restore-testing"))).toMatchObject({
            scheduleExpression: "cron(0 5 ? * SUN *)",
            recoveryPointSelection: { includeVaults: [arn("aws:backup/vault:Vault", "warden-pbx-backup-vault")] },
        });
    });

    it("lets the host write database dumps under dumps/ only, encrypted with the bucket's key", () => {
        const grant = resource("aws:iam/rolePolicy:RolePolicy", "warden-pbx-host-dumps");
        expect(grant.propertyDependencies.role).toEqual([urn("aws:iam/role:Role", "warden-pbx-host-role")]);
        expect(JSON.parse(inputsOf(grant).policy as string)).toEqual({
            Version: "2012-10-17",
            Statement: [
                { Sid: "WriteDumps", Effect: "Allow", Action: "s3:PutObject", Resource: `${arn("aws:s3/bucket:Bucket", "warden-pbx-artifacts-bucket")}/dumps/*` },
                {
                    Sid: "EncryptDumps",
                    Effect: "Allow",
                    Action: ["kms:GenerateDataKey", "kms:Decrypt"],
                    Resource: arn("aws:kms/key:Key", "warden-pbx-data-key"),
                    Condition: { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } },
                },
            ],
        });
        expect(inputsOf(resource("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "warden-pbx-artifacts-encryption")).rules).toEqual([
            { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: arn("aws:kms/key:Key", "warden-pbx-data-key") }, bucketKeyEnabled: true },
        ]);
    });
});

describe("secrets", () => {
    const key = () => property("aws:kms/key:Key", "warden-pbx-data-key", "arn");

    it("keeps the SIP-TLS certificate and key in Secrets Manager, not in the user data", () => {
        expect(inputsOf(resource("aws:secretsmanager/secret:Secret", "warden-pbx-sip-tls-secret"))).toEqual({
            name: "warden-pbx/sip-tls",
            description: "JSON certificate, privateKey, caCertificate of the PBX's SIP-TLS listener; re-issued by `pulumi up` 45 days before expiry, installed daily by the host",
            kmsKeyId: key(),
            recoveryWindowInDays: 30,
            tags: { ...tags, Name: "warden-pbx/sip-tls" },
        });
        const value = JSON.parse(inputsOf(resource("aws:secretsmanager/secretVersion:SecretVersion", "warden-pbx-sip-tls-value")).secretString as string);
        expect(Object.keys(value)).toEqual(["certificate", "privateKey", "caCertificate"]);
        const userData = Buffer.from(String(inputsOf(resource("aws:ec2/launchTemplate:LaunchTemplate", "warden-pbx-host-template")).userData), "base64").toString();
        expect(userData).toContain("--secret-id warden-pbx/sip-tls");
        expect(userData).not.toMatch(/BEGIN (EC )?PRIVATE KEY/);
        // Re-issued 45 days before a one-year expiry; the CA 180 days before its five years.
        expect(inputsOf(resource("tls:index/locallySignedCert:LocallySignedCert", "warden-pbx-sip-tls"))).toMatchObject({ validityPeriodHours: 24 * 365, earlyRenewalHours: 24 * 45 });
        expect(inputsOf(resource("tls:index/selfSignedCert:SelfSignedCert", "warden-pbx-sip-ca"))).toMatchObject({ validityPeriodHours: 24 * 365 * 5, earlyRenewalHours: 24 * 180, isCaCertificate: true });
    });

    it("gives the trunk's credentials an operator-filled secret the host reads, protected", () => {
        const trunk = resource("aws:secretsmanager/secret:Secret", "warden-pbx-sip-trunk");
        expect(inputsOf(trunk)).toEqual({
            name: "warden-pbx/sip-trunk",
            description: "Set by operators: dotenv lines TRUNK_HOST=, TRUNK_USERNAME=, TRUNK_PASSWORD= of the SIP trunk (config.yml trunks); the host copies them into the PBX's .env at every start of pbx.service",
            kmsKeyId: key(),
            recoveryWindowInDays: 30,
            tags: { ...tags, Name: "warden-pbx/sip-trunk" },
        });
        expect(trunk.options).toMatchObject({ protect: true, retainOnDelete: true });
        expect(ofType(session, "aws:secretsmanager/secretVersion:SecretVersion").map((version) => version.name)).not.toContain("warden-pbx-sip-trunk-value");
        const boot = JSON.parse(inputsOf(resource("aws:iam/rolePolicy:RolePolicy", "warden-pbx-host-boot-secrets")).policy as string);
        expect(boot.Statement[0].Resource).toEqual([
            "arn:aws:secretsmanager:us-east-1:*:secret:warden-pbx/app-env-*",
            "arn:aws:secretsmanager:us-east-1:*:secret:warden-pbx/sip-tls-*",
            "arn:aws:secretsmanager:us-east-1:*:secret:warden-pbx/sip-trunk-*",
            "arn:aws:secretsmanager:us-east-1:*:secret:warden-pbx/stir-shaken-*",
        ]);
    });

    it("gives the STI certificate for STIR/SHAKEN an operator-filled secret the PBX installs at every start, protected", () => {
        const stir = resource("aws:secretsmanager/secret:Secret", "warden-pbx-stir-shaken");
        expect(inputsOf(stir)).toEqual({
            name: "warden-pbx/stir-shaken",
            description: 'Set by operators: JSON {"certificate": PEM chain, "privateKey": PEM} of the STI certificate for STIR/SHAKEN (config.yml stir_shaken); the host installs them at every start of pbx.service',
            kmsKeyId: key(),
            recoveryWindowInDays: 30,
            tags: { ...tags, Name: "warden-pbx/stir-shaken" },
        });
        expect(stir.options).toMatchObject({ protect: true, retainOnDelete: true });
    });

    it("puts the dump bucket in the PBX's .env, and no certificate or key", () => {
        const env = String(inputsOf(resource("aws:secretsmanager/secretVersion:SecretVersion", "warden-pbx-app-env-value")).secretString);
        expect(env).toContain(`DUMP_BUCKET=${property("aws:s3/bucket:Bucket", "warden-pbx-artifacts-bucket", "bucket")}\n`);
        expect(env).not.toMatch(/SIP_TLS|PRIVATE KEY/);
    });
});

describe("the PBX host's boot (user data)", () => {
    const cloudConfig = () => {
        const text = Buffer.from(String(inputsOf(resource("aws:ec2/launchTemplate:LaunchTemplate", "warden-pbx-host-template")).userData), "base64").toString();
        return YAML.parse(text.replace(/^#cloud-config\n/, "")) as { runcmd: string[]; packages: string[]; apt?: unknown; write_files: { path: string; content: string; permissions: string }[] };
    };
    const file = (path: string) => {
        const found = cloudConfig().write_files.find((entry) => entry.path === path);
        expect(found).toBeDefined();
        return found!;
    };

    it("opens SIP over UDP and TLS, RTP and nginx's 443 for the load balancer on UFW, as the security groups do", () => {
        expect(cloudConfig().runcmd.filter((line) => line.startsWith("ufw allow"))).toEqual([
            "ufw allow proto udp from 198.51.100.0/24 to any port 5060",
            "ufw allow proto udp from 203.0.113.0/24 to any port 5060",
            "ufw allow proto tcp from 198.51.100.0/24 to any port 5061",
            "ufw allow proto tcp from 203.0.113.0/24 to any port 5061",
            "ufw allow proto udp from 198.51.100.0/24 to any port 10000:20000",
            "ufw allow proto udp from 203.0.113.0/24 to any port 10000:20000",
            "ufw allow proto tcp from 10.20.0.0/16 to any port 443",
        ]);
    });

    it("serves SIP over TLS with the files it installs from Secrets Manager: the key 0600 for pbx, refreshed daily, expiry published hourly", () => {
        const config = YAML.parse(file("/etc/pbx/config.yml").content);
        expect(config.server).toMatchObject({ sip_port: 5060, sip_tls_port: 5061 });
        expect(config.security).toMatchObject({ enable_tls: true, tls_cert_file: "/etc/pbx/tls/sip.crt", tls_key_file: "/etc/pbx/tls/sip.key", tls_ca_file: "/etc/pbx/tls/ca.crt", tls_min_version: "TLSv1.2" });
        const script = file("/usr/local/sbin/pbx-sip-tls");
        expect(script.permissions).toBe("0750");
        expect(script.content).toContain("aws secretsmanager get-secret-value --region us-east-1 --secret-id warden-pbx/sip-tls");
        expect(script.content).toContain('install -m 0600 -o pbx -g pbx "$staging/sip.key" /etc/pbx/tls/sip.key');
        expect(script.content).toContain("systemctl try-restart pbx.service");
        expect(script.content).toContain("--namespace Warden/PBX --metric-name SipCertificateDaysToExpiry");
        expect(file("/etc/systemd/system/pbx-sip-tls.timer").content).toContain("OnCalendar=*-*-* 03:00:00 UTC");
        expect(file("/etc/systemd/system/pbx-sip-tls-expiry.service").content).toContain("ExecStart=/usr/local/sbin/pbx-sip-tls --expiry-only");
        expect(file("/etc/systemd/system/pbx-sip-tls-expiry.timer").content).toContain("OnCalendar=hourly");
        const runcmd = cloudConfig().runcmd;
        // Installed before the PBX first starts; both timers enabled.
        expect(runcmd.indexOf("/usr/local/sbin/pbx-sip-tls")).toBeGreaterThan(runcmd.findIndex((line) => line.includes("--secret-id warden-pbx/app-env")));
        expect(runcmd.indexOf("/usr/local/sbin/pbx-sip-tls")).toBeLessThan(runcmd.indexOf("systemctl enable --now pbx.service"));
        expect(runcmd).toEqual(expect.arrayContaining(["systemctl enable --now pbx-sip-tls.timer", "systemctl enable --now pbx-sip-tls-expiry.timer", "systemctl enable --now pbx-pg_dump.timer"]));
    });

    it("merges the operators' trunk credentials into the .env at every PBX start", () => {
        expect(file("/etc/systemd/system/pbx.service").content).toContain("ExecStartPre=-+/usr/local/sbin/pbx-trunk-env\n");
        const script = file("/usr/local/sbin/pbx-trunk-env").content;
        expect(script).toContain("--secret-id warden-pbx/sip-trunk --query SecretString --output text | grep -E '^TRUNK_[A-Z0-9_]+=')");
        expect(script).toContain("chmod 600 /opt/pbx/.env.new\nmv /opt/pbx/.env.new /opt/pbx/.env\n");
        const config = YAML.parse(file("/etc/pbx/config.yml").content);
        expect(config.trunks).toEqual([{ name: "carrier", host: "${TRUNK_HOST}", port: 5061, transport: "tls", username: "${TRUNK_USERNAME}", password: "${TRUNK_PASSWORD}" }]);
    });

    it("installs the STI certificate and key for STIR/SHAKEN from the operators' secret at every PBX start, the key 0600 for pbx", () => {
        expect(file("/etc/systemd/system/pbx.service").content).toContain("ExecStartPre=-+/usr/local/sbin/pbx-stir-shaken\n");
        const script = file("/usr/local/sbin/pbx-stir-shaken");
        expect(script.permissions).toBe("0750");
        expect(script.content).toContain("--secret-id warden-pbx/stir-shaken");
        expect(script.content).toContain('install -m 0600 -o pbx -g pbx "$staging/key.pem" /etc/pbx/stir/key.pem\n');
        expect(script.content).toContain('install -m 0644 -o root -g pbx "$staging/cert.pem" /etc/pbx/stir/cert.pem\n');
    });

    it("dumps the database daily at 02:00 UTC as pbx, through the proxy, to the bucket's dumps/ with its default KMS encryption", () => {
        // pg_dump of the server's major version (16 by default), from the PostgreSQL project's repository.
        expect(cloudConfig().packages).toEqual(expect.arrayContaining(["postgresql-client-16", "jq"]));
        expect(cloudConfig().apt).toEqual({ sources: { pgdg: { source: "deb [signed-by=$KEY_FILE] https://apt.postgresql.org/pub/repos/apt $RELEASE-pgdg main", keyid: "B97B0AFCAA1A47F044F244A07FCC7D46ACCC4CF8" } } });
        expect(file("/etc/systemd/system/pbx-pg_dump.timer").content).toContain("OnCalendar=*-*-* 02:00:00 UTC\nPersistent=true\n");
        expect(file("/etc/systemd/system/pbx-pg_dump.service").content).toContain("User=pbx\nGroup=pbx\nEnvironmentFile=/opt/pbx/.env\nPrivateTmp=true\nExecStart=/usr/local/sbin/pbx-pg_dump\n");
        const script = file("/usr/local/sbin/pbx-pg_dump").content;
        expect(script).toContain('pg_dump --host="$DB_HOST" --port="$DB_PORT" --username="$DB_USER" --dbname="$DB_NAME" --no-password --format=custom --compress=9');
        expect(script).toContain('aws s3 cp --region us-east-1 --only-show-errors "$dump" "s3://$DUMP_BUCKET/dumps/');
        expect(script.split("\n").filter((line) => line.startsWith("aws s3 cp")).every((line) => !line.includes("--sse"))).toBe(true);
    });

    it("bans SIP offenders per protocol, after nginx and the PBX write their logs, and never the VPC", () => {
        expect(file("/etc/fail2ban/jail.d/pbx.local").content).toBe(
            "[DEFAULT]\nbantime = 1h\nfindtime = 10m\nmaxretry = 5\n\n[sshd]\nenabled = true\n\n" +
                "[pbx-auth-udp]\nenabled = true\nfilter = pbx-auth\nlogpath = /var/log/pbx/pbx.log\nport = 5060\nprotocol = udp\nmaxretry = 5\nbantime = 1h\n\n" +
                "[pbx-auth-tcp]\nenabled = true\nfilter = pbx-auth\nlogpath = /var/log/pbx/pbx.log\nport = 5061\nprotocol = tcp\nmaxretry = 5\nbantime = 1h\n\n" +
                "[nginx-limit-req]\nenabled = true\nlogpath = /var/log/nginx/pbx.error.log\nport = http,https\nprotocol = tcp\nmaxretry = 10\n",
        );
        expect(file("/etc/fail2ban/filter.d/pbx-auth.conf").content).toBe("[Definition]\nfailregex = ^.*(Authentication failed|Failed login).* from <HOST>.*$\nignoreregex =\n");
        expect(file("/etc/fail2ban/jail.d/pbx-ignoreip.local").content).toBe("[DEFAULT]\nignoreip = 127.0.0.1/8 ::1 10.20.0.0/16\n");
        expect(file("/etc/nginx/conf.d/pbx.conf").content).toContain("    set_real_ip_from 10.20.0.0/16;\n    real_ip_header X-Forwarded-For;\n");
        const runcmd = cloudConfig().runcmd;
        expect(runcmd.indexOf("systemctl restart fail2ban")).toBeGreaterThan(runcmd.indexOf("systemctl restart nginx"));
        expect(runcmd.indexOf("systemctl restart fail2ban")).toBeGreaterThan(runcmd.indexOf("systemctl enable --now pbx.service"));
    });
});

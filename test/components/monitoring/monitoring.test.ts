import { Alarms } from "../../../components/monitoring/alarms";
import { AlertTopic } from "../../../components/monitoring/alert-topic";
import { RecordingSession } from "../../../gate/program";
import { inputsOf, named, recordingMocks } from "../../helpers/mocks";

let session: RecordingSession;
const tags = { "readiness:blueprint": "warden-pbx" };

beforeAll(async () => {
    session = await recordingMocks();
    const topic = new AlertTopic("alerts", { kmsKeyArn: "arn:key", emails: ["ops@example.com"], tags });
    new AlertTopic("findings", { kmsKeyArn: "arn:key", emails: ["ops@example.com"], allowEventBridge: true, tags });
    new AlertTopic("quiet", { kmsKeyArn: "arn:key", emails: ["ops@example.com"], allowBackup: false, tags });
    new Alarms("pbx", { topicArn: topic.arn, alarms: [{ name: "disk", description: "Disk above 80%", namespace: "CWAgent", metricName: "disk_used_percent", dimensions: { InstanceId: "i-1", path: "/" }, comparison: "GreaterThanThreshold", threshold: 80, evaluationPeriods: 1 }], tags });
    await session.settle();
});

describe("alerting", () => {
    it("sends alerts to an encrypted topic with an e-mail subscription", () => {
        expect(inputsOf(named(session, "aws:sns/topic:Topic", "alerts-topic"))).toEqual({ name: expect.stringMatching(/^alerts-topic-/), kmsMasterKeyId: "arn:key", tags: { ...tags, Name: "alerts" } });
        expect(inputsOf(named(session, "aws:sns/topicSubscription:TopicSubscription", "alerts-email-0"))).toMatchObject({ protocol: "email", endpoint: "ops@example.com" });
    });

    it("lets CloudWatch alarms and AWS Backup of this account publish, and EventBridge when asked", () => {
        const policy = (name: string) => {
            const resource = named(session, "aws:sns/topicPolicy:TopicPolicy", `${name}-policy`);
            expect(resource.propertyDependencies.arn).toEqual([named(session, "aws:sns/topic:Topic", `${name}-topic`).urn]);
            return JSON.parse(inputsOf(resource).policy as string);
        };
        const arn = (name: string) => named(session, "aws:sns/topic:Topic", `${name}-topic`).properties.arn;
        const service = (sid: string, principal: string, topic: string) => ({
            Sid: sid,
            Effect: "Allow",
            Principal: { Service: principal },
            Action: "sns:Publish",
            Resource: arn(topic),
            Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
        });
        const owner = (topic: string) => ({ Sid: "Owner", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: ["sns:Publish", "sns:Subscribe", "sns:GetTopicAttributes", "sns:SetTopicAttributes"], Resource: arn(topic) });
        expect(arn("alerts")).toMatch(/^arn:aws:sns:us-east-1:123456789012:/);
        expect(policy("alerts")).toEqual({ Version: "2012-10-17", Statement: [owner("alerts"), service("CloudWatchAlarms", "cloudwatch.amazonaws.com", "alerts"), service("BackupNotifications", "backup.amazonaws.com", "alerts")] });
        expect(policy("findings").Statement).toEqual([
            owner("findings"),
            service("CloudWatchAlarms", "cloudwatch.amazonaws.com", "findings"),
            service("BackupNotifications", "backup.amazonaws.com", "findings"),
            service("EventBridge", "events.amazonaws.com", "findings"),
        ]);
        // Only alarms publish: SNS's default policy already lets them, so no policy replaces it.
        expect(() => named(session, "aws:sns/topicPolicy:TopicPolicy", "quiet-policy")).toThrow("no aws:sns/topicPolicy:TopicPolicy named quiet-policy");
    });

    it("creates alarms that notify on alarm and on recovery, missing data breaching", () => {
        const alarm = named(session, "aws:cloudwatch/metricAlarm:MetricAlarm", "pbx-disk");
        expect(inputsOf(alarm)).toEqual({
            name: "pbx-disk",
            alarmDescription: "Disk above 80%",
            namespace: "CWAgent",
            metricName: "disk_used_percent",
            dimensions: { InstanceId: "i-1", path: "/" },
            statistic: "Average",
            comparisonOperator: "GreaterThanThreshold",
            threshold: 80,
            period: 300,
            evaluationPeriods: 1,
            treatMissingData: "breaching",
            alarmActions: [expect.stringMatching(/^arn:aws:sns:/)],
            okActions: [expect.stringMatching(/^arn:aws:sns:/)],
            tags: { ...tags, Name: "pbx-disk" },
        });
        expect(alarm.propertyDependencies.alarmActions).toEqual([named(session, "aws:sns/topic:Topic", "alerts-topic").urn]);
    });

    it("refuses a topic nobody receives", () => {
        expect(() => new AlertTopic("nobody", { kmsKeyArn: "k", emails: [], tags })).toThrow("AlertTopic nobody has no recipient");
    });
});

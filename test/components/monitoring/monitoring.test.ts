import { Alarms } from "../../../components/monitoring/alarms";
import { AlertTopic } from "../../../components/monitoring/alert-topic";
import { RecordingSession } from "../../../gate/program";
import { inputsOf, named, recordingMocks } from "../../helpers/mocks";

let session: RecordingSession;
const tags = { "readiness:blueprint": "warden-pbx" };

beforeAll(async () => {
    session = await recordingMocks();
    const topic = new AlertTopic("alerts", { kmsKeyArn: "arn:key", emails: ["ops@example.com"], tags });
    new Alarms("pbx", { topicArn: topic.arn, alarms: [{ name: "disk", description: "Disk above 80%", namespace: "CWAgent", metricName: "disk_used_percent", dimensions: { InstanceId: "i-1", path: "/" }, comparison: "GreaterThanThreshold", threshold: 80, evaluationPeriods: 1 }], tags });
    await session.settle();
});

describe("alerting", () => {
    it("sends alerts to an encrypted topic with an e-mail subscription", () => {
        expect(inputsOf(named(session, "aws:sns/topic:Topic", "alerts-topic"))).toEqual({ name: expect.stringMatching(/^alerts-topic-/), kmsMasterKeyId: "arn:key", tags: { ...tags, Name: "alerts" } });
        expect(inputsOf(named(session, "aws:sns/topicSubscription:TopicSubscription", "alerts-email-0"))).toMatchObject({ protocol: "email", endpoint: "ops@example.com" });
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

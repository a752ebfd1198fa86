import { AccountBaseline } from "../../../components/security/account-baseline";
import { AppSecret, renderDotenv } from "../../../components/security/app-secret";
import { KmsKey } from "../../../components/security/kms-key";
import * as random from "@pulumi/random";
import { RecordingSession } from "../../../gate/program";
import { inputsOf, isSecretInput, named, ofType, recordingMocks } from "../../helpers/mocks";

let session: RecordingSession;
const tags = { "readiness:blueprint": "voiceassist" };

beforeAll(async () => {
    session = await recordingMocks();
    const key = new KmsKey("data", { description: "data", tags });
    new KmsKey("logs-only", { description: "logs", topicPublisherPrincipals: [], tags });
    new KmsKey("nodes", { description: "nodes", topicPublisherPrincipals: [], autoScalingLaunches: true, tags });
    const password = new random.RandomPassword("db", { length: 32 });
    new AppSecret("env", { secretName: "app/env", description: "env", kmsKeyArn: key.arn, values: { DB_PASSWORD: password.result, DB_NAME: "app" }, tags });
    new AccountBaseline("account", { tags: {} });
    await session.settle();
});

describe("KmsKey", () => {
    it("rotates yearly, waits 30 days before deletion, is protected, and lets the logging services use it", () => {
        const key = named(session, "aws:kms/key:Key", "data-key");
        expect(inputsOf(key)).toMatchObject({ enableKeyRotation: true, rotationPeriodInDays: 365, deletionWindowInDays: 30 });
        expect(key.options).toMatchObject({ protect: true, retainOnDelete: true });
        const policy = JSON.parse(inputsOf(key).policy as string);
        expect(policy.Statement[1].Principal.Service).toEqual(["logs.us-east-1.amazonaws.com", "cloudwatch.amazonaws.com"]);
        expect(policy.Statement[0].Principal.AWS).toBe("arn:aws:iam::123456789012:root");
    });

    it("lets AWS Backup and EventBridge of this account publish to topics it encrypts, and nothing more", () => {
        const policy = JSON.parse(inputsOf(named(session, "aws:kms/key:Key", "data-key")).policy as string);
        expect(policy.Statement[2]).toEqual({
            Sid: "ServicesPublishToEncryptedTopics",
            Effect: "Allow",
            Principal: { Service: ["backup.amazonaws.com", "events.amazonaws.com"] },
            Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
            Resource: "*",
            Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
        });
        const logsOnly = JSON.parse(inputsOf(named(session, "aws:kms/key:Key", "logs-only-key")).policy as string);
        expect(logsOnly.Statement.map((statement: { Sid: string }) => statement.Sid)).toEqual(["AccountAdministers", "ServicesEncrypt"]);
    });

    it("lets Auto Scaling's service-linked role encrypt the volumes of instances it launches, and grant only for AWS resources", () => {
        const role = "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling";
        const policy = JSON.parse(inputsOf(named(session, "aws:kms/key:Key", "nodes-key")).policy as string);
        expect(policy.Statement.slice(2)).toEqual([
            { Sid: "AutoScalingEncryptsVolumes", Effect: "Allow", Principal: { AWS: role }, Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], Resource: "*" },
            { Sid: "AutoScalingAttachesEncryptedVolumes", Effect: "Allow", Principal: { AWS: role }, Action: "kms:CreateGrant", Resource: "*", Condition: { Bool: { "kms:GrantIsForAWSResource": true } } },
        ]);
        const data = JSON.parse(inputsOf(named(session, "aws:kms/key:Key", "data-key")).policy as string);
        expect(JSON.stringify(data)).not.toContain("AWSServiceRoleForAutoScaling");
    });
});

describe("AppSecret", () => {
    it("stores generated values encrypted, as a secret, recoverable for 30 days", () => {
        expect(inputsOf(named(session, "aws:secretsmanager/secret:Secret", "env-secret"))).toEqual({ name: "app/env", description: "env", kmsKeyId: expect.stringMatching(/^arn:aws:kms:/), recoveryWindowInDays: 30, tags: { ...tags, Name: "app/env" } });
        expect(named(session, "aws:secretsmanager/secret:Secret", "env-secret").options).toMatchObject({ protect: true, retainOnDelete: true });
        const version = named(session, "aws:secretsmanager/secretVersion:SecretVersion", "env-value");
        expect(isSecretInput(version, "secretString")).toBe(true);
        expect(inputsOf(version).secretString).toMatch(/^DB_PASSWORD=[0-9a-f]{32}\nDB_NAME=app\n$/);
    });

    it("quotes values a dotenv parser would split", () => {
        expect(renderDotenv({ A: "plain", B: "two words", C: 'q"uote' })).toBe('A=plain\nB="two words"\nC="q\\"uote"\n');
    });
});

describe("AccountBaseline", () => {
    it("turns on GuardDuty, a validated multi-region trail kept seven years on locked storage, AWS Config and Inspector", () => {
        expect(inputsOf(named(session, "aws:guardduty/detector:Detector", "account-guardduty"))).toMatchObject({ enable: true });
        expect(ofType(session, "aws:guardduty/detectorFeature:DetectorFeature")).toHaveLength(4);
        expect(inputsOf(named(session, "aws:cloudtrail/trail:Trail", "account-trail"))).toMatchObject({ isMultiRegionTrail: true, includeGlobalServiceEvents: true, enableLogFileValidation: true });
        expect(inputsOf(named(session, "aws:cloudwatch/logGroup:LogGroup", "account-audit-trail"))).toMatchObject({ retentionInDays: 2557 });
        expect(inputsOf(named(session, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", "account-audit-trail-object-lock")).rule).toEqual({ defaultRetention: { mode: "COMPLIANCE", days: 2557 } });
        expect(inputsOf(named(session, "aws:cfg/recorder:Recorder", "account-config")).recordingGroup).toEqual({ allSupported: true, includeGlobalResourceTypes: true });
        expect(inputsOf(named(session, "aws:inspector2/enabler:Enabler", "account-inspector"))).toEqual({ accountIds: ["123456789012"], resourceTypes: ["EC2", "ECR"] });
    });
});

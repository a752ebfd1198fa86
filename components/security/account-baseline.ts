// Account-wide security services, built once per account and region whatever blueprints the
// stack enables: GuardDuty, a multi-region CloudTrail with log file validation into an encrypted
// (optionally object-locked) bucket and a CloudWatch log group, AWS Config recording every
// resource, and Amazon Inspector scanning EC2 and ECR.
import * as pulumi from "@pulumi/pulumi";
import * as cfg from "@pulumi/aws/cfg";
import * as cloudtrail from "@pulumi/aws/cloudtrail";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as guardduty from "@pulumi/aws/guardduty";
import * as iam from "@pulumi/aws/iam";
import * as inspector2 from "@pulumi/aws/inspector2";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { SecureBucket } from "../backup/secure-bucket";
import { KmsKey } from "./kms-key";

export interface AccountBaselineArgs {
    /** Days audit records (trail logs) are kept, locked against deletion. Default 2557 (7 years). */
    readonly auditRetentionDays?: number;
    readonly tags: Record<string, string>;
}

export class AccountBaseline extends pulumi.ComponentResource {
    readonly trail: cloudtrail.Trail;
    readonly auditLogGroup: cloudwatch.LogGroup;
    readonly key: KmsKey;

    constructor(name: string, args: AccountBaselineArgs, opts?: pulumi.ComponentResourceOptions) {
        super("readiness:security:AccountBaseline", name, {}, opts);
        const retention = args.auditRetentionDays ?? 2557;
        const tags = (part: string) => ({ ...args.tags, Name: `${name}-${part}` });
        const account = getCallerIdentityOutput({}, { parent: this }).accountId;

        this.key = new KmsKey(`${name}-audit`, { description: "Audit trail, AWS Config and GuardDuty findings", servicePrincipals: ["logs.{region}.amazonaws.com", "cloudtrail.amazonaws.com", "config.amazonaws.com", "cloudwatch.amazonaws.com"], tags: args.tags }, { parent: this });

        const detector = new guardduty.Detector(`${name}-guardduty`, { enable: true, findingPublishingFrequency: "FIFTEEN_MINUTES", tags: tags("guardduty") }, { parent: this });
        for (const feature of ["S3_DATA_EVENTS", "EBS_MALWARE_PROTECTION", "RDS_LOGIN_EVENTS", "EKS_AUDIT_LOGS"]) {
            new guardduty.DetectorFeature(`${name}-guardduty-${feature.toLowerCase().replace(/_/g, "-")}`, { detectorId: detector.id, name: feature, status: "ENABLED" }, { parent: this });
        }

        const bucket = new SecureBucket(
            `${name}-audit-trail`,
            {
                kmsKeyArn: this.key.arn,
                objectLockDays: retention,
                expireAfterDays: retention + 1,
                noncurrentVersionDays: retention + 1,
                policyStatements: [
                    { Sid: "TrailAcl", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:GetBucketAcl", Resource: "*" },
                    account.apply((accountId) => ({ Sid: "TrailWrite", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:PutObject", Resource: "*", Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": accountId } } })),
                    { Sid: "ConfigAcl", Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: ["s3:GetBucketAcl", "s3:ListBucket"], Resource: "*" },
                    account.apply((accountId) => ({ Sid: "ConfigWrite", Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "s3:PutObject", Resource: "*", Condition: { StringEquals: { "aws:SourceAccount": accountId } } })),
                ],
                tags: args.tags,
            },
            { parent: this },
        );

        this.auditLogGroup = new cloudwatch.LogGroup(`${name}-audit-trail`, { name: `/${name}/cloudtrail`, retentionInDays: retention, kmsKeyId: this.key.arn, tags: tags("audit-trail") }, { parent: this, protect: true, retainOnDelete: true });
        const trailRole = new iam.Role(
            `${name}-trail-logs`,
            { assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "sts:AssumeRole" }] }), tags: tags("trail-logs") },
            { parent: this },
        );
        new iam.RolePolicy(
            `${name}-trail-logs`,
            { role: trailRole.id, policy: this.auditLogGroup.arn.apply((arn) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${arn}:*` }] })) },
            { parent: this },
        );
        this.trail = new cloudtrail.Trail(
            `${name}-trail`,
            {
                s3BucketName: bucket.name,
                isMultiRegionTrail: true,
                includeGlobalServiceEvents: true,
                enableLogFileValidation: true,
                kmsKeyId: this.key.arn,
                cloudWatchLogsGroupArn: pulumi.interpolate`${this.auditLogGroup.arn}:*`,
                cloudWatchLogsRoleArn: trailRole.arn,
                eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }],
                tags: tags("trail"),
            },
            { parent: this, dependsOn: [bucket] },
        );

        const configRole = new iam.Role(
            `${name}-config`,
            { assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "sts:AssumeRole" }] }), tags: tags("config") },
            { parent: this },
        );
        new iam.RolePolicyAttachment(`${name}-config`, { role: configRole.name, policyArn: "arn:aws:iam::aws:policy/service-role/AWS_ConfigRole" }, { parent: this });
        const recorder = new cfg.Recorder(`${name}-config`, { roleArn: configRole.arn, recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } }, { parent: this });
        const channel = new cfg.DeliveryChannel(`${name}-config`, { s3BucketName: bucket.name, s3KmsKeyArn: this.key.arn, snapshotDeliveryProperties: { deliveryFrequency: "TwentyFour_Hours" } }, { parent: this, dependsOn: [recorder] });
        new cfg.RecorderStatus(`${name}-config`, { name: recorder.name, isEnabled: true }, { parent: this, dependsOn: [channel] });

        new inspector2.Enabler(`${name}-inspector`, { accountIds: [account], resourceTypes: ["EC2", "ECR"] }, { parent: this });
        this.registerOutputs({ trailArn: this.trail.arn, auditLogGroup: this.auditLogGroup.name });
    }
}

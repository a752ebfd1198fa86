// A customer managed KMS key with yearly rotation, protected against deletion, whose key policy
// lets the account administer it and lets the AWS services that encrypt with it do so (CloudWatch
// Logs, CloudWatch alarms publishing to encrypted SNS topics, ...), and lets the services that
// publish to SNS topics encrypted with it (AWS Backup, EventBridge) do only that.
import * as pulumi from "@pulumi/pulumi";
import * as kms from "@pulumi/aws/kms";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getRegionOutput } from "@pulumi/aws/getRegion";

export interface KmsKeyArgs {
    readonly description: string;
    /** Region of the key; default the provider's. */
    readonly region?: string;
    /**
     * Service principals that encrypt with the key, `{region}` replaced by the key's region.
     * Default: CloudWatch Logs and CloudWatch (alarms to encrypted SNS topics).
     */
    readonly servicePrincipals?: string[];
    /**
     * Service principals that publish to SNS topics encrypted with the key: they get only
     * kms:GenerateDataKey* and kms:Decrypt, from this account. Default AWS Backup (vault
     * notifications) and EventBridge (rules targeting a topic); empty for none.
     */
    readonly topicPublisherPrincipals?: string[];
    /**
     * Auto Scaling launches instances whose volumes the key encrypts (EKS managed node groups): its
     * service-linked role AWSServiceRoleForAutoScaling, which takes no IAM policy, gets the key's use
     * and grants for AWS resources. The role must exist (any account that has used Auto Scaling has
     * it; else `aws iam create-service-linked-role --aws-service-name autoscaling.amazonaws.com`).
     * Default false.
     */
    readonly autoScalingLaunches?: boolean;
    /** Days before a scheduled deletion completes. Default 30 (the maximum). */
    readonly deletionWindowInDays?: number;
    readonly tags: Record<string, string>;
}

export class KmsKey extends pulumi.ComponentResource {
    readonly key: kms.Key;
    readonly arn: pulumi.Output<string>;

    constructor(name: string, args: KmsKeyArgs, opts?: pulumi.ComponentResourceOptions) {
        super("readiness:security:KmsKey", name, {}, opts);
        const account = getCallerIdentityOutput({}, { parent: this }).accountId;
        const region = args.region ?? getRegionOutput({}, { parent: this }).region;
        const services = args.servicePrincipals ?? ["logs.{region}.amazonaws.com", "cloudwatch.amazonaws.com"];
        const publishers = args.topicPublisherPrincipals ?? ["backup.amazonaws.com", "events.amazonaws.com"];
        this.key = new kms.Key(
            `${name}-key`,
            {
                description: args.description,
                enableKeyRotation: true,
                rotationPeriodInDays: 365,
                deletionWindowInDays: args.deletionWindowInDays ?? 30,
                ...(args.region ? { region: args.region } : {}),
                policy: pulumi.all([account, region]).apply(([accountId, regionName]) =>
                    JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [
                            { Sid: "AccountAdministers", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "kms:*", Resource: "*" },
                            {
                                Sid: "ServicesEncrypt",
                                Effect: "Allow",
                                Principal: { Service: services.map((service) => service.replace("{region}", regionName)) },
                                Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
                                Resource: "*",
                                Condition: { StringEquals: { "aws:SourceAccount": accountId } },
                            },
                            ...(args.autoScalingLaunches
                                ? [
                                      {
                                          Sid: "AutoScalingEncryptsVolumes",
                                          Effect: "Allow",
                                          Principal: { AWS: `arn:aws:iam::${accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling` },
                                          Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
                                          Resource: "*",
                                      },
                                      {
                                          Sid: "AutoScalingAttachesEncryptedVolumes",
                                          Effect: "Allow",
                                          Principal: { AWS: `arn:aws:iam::${accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling` },
                                          Action: "kms:CreateGrant",
                                          Resource: "*",
                                          Condition: { Bool: { "kms:GrantIsForAWSResource": true } },
                                      },
                                  ]
                                : []),
                            ...(publishers.length > 0
                                ? [
                                      {
                                          Sid: "ServicesPublishToEncryptedTopics",
                                          Effect: "Allow",
                                          Principal: { Service: publishers },
                                          Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
                                          Resource: "*",
                                          Condition: { StringEquals: { "aws:SourceAccount": accountId } },
                                      },
                                  ]
                                : []),
                        ],
                    }),
                ),
                tags: { ...args.tags, Name: name },
            },
            { parent: this, protect: true, retainOnDelete: true },
        );
        new kms.Alias(`${name}-alias`, { name: `alias/${name}`, targetKeyId: this.key.keyId, ...(args.region ? { region: args.region } : {}) }, { parent: this });
        this.arn = this.key.arn;
        this.registerOutputs({ arn: this.arn });
    }
}

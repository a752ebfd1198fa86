// Where alerts go: an encrypted SNS topic with e-mail subscriptions (each recipient confirms
// once), plus any other endpoints (PagerDuty, chat) as HTTPS subscriptions. Its policy lets the
// AWS services of this account that raise alerts publish: CloudWatch alarms, AWS Backup vault
// notifications and, when asked, EventBridge rules. (The topic's KMS key must let the same
// services use it: KmsKey's topicPublisherPrincipals.)
import * as pulumi from "@pulumi/pulumi";
import * as sns from "@pulumi/aws/sns";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";

export interface AlertTopicArgs {
    readonly kmsKeyArn: pulumi.Input<string>;
    /** E-mail addresses that receive alerts; at least one. */
    readonly emails: string[];
    /** Let EventBridge rules of this account publish (e.g. GuardDuty findings). Default false. */
    readonly allowEventBridge?: boolean;
    /** Let AWS Backup of this account publish vault notifications (failed backup, copy and restore jobs). Default true. */
    readonly allowBackup?: boolean;
    readonly tags: Record<string, string>;
}

export class AlertTopic extends pulumi.ComponentResource {
    readonly topic: sns.Topic;
    readonly arn: pulumi.Output<string>;

    constructor(name: string, args: AlertTopicArgs, opts?: pulumi.ComponentResourceOptions) {
        super("readiness:monitoring:AlertTopic", name, {}, opts);
        if (args.emails.length === 0) {
            throw new pulumi.InputPropertiesError({ message: `AlertTopic ${name} has no recipient`, errors: [{ propertyPath: "emails", reason: "at least one e-mail address is required" }] });
        }
        this.topic = new sns.Topic(`${name}-topic`, { kmsMasterKeyId: args.kmsKeyArn, tags: { ...args.tags, Name: name } }, { parent: this });
        this.arn = this.topic.arn;
        // A topic policy replaces SNS's default one, so CloudWatch alarms are allowed explicitly.
        const services = [
            { sid: "CloudWatchAlarms", service: "cloudwatch.amazonaws.com" },
            ...((args.allowBackup ?? true) ? [{ sid: "BackupNotifications", service: "backup.amazonaws.com" }] : []),
            ...(args.allowEventBridge ? [{ sid: "EventBridge", service: "events.amazonaws.com" }] : []),
        ];
        if (services.length > 1) {
            new sns.TopicPolicy(
                `${name}-policy`,
                {
                    arn: this.topic.arn,
                    policy: pulumi.all([this.topic.arn, getCallerIdentityOutput({}, { parent: this }).accountId]).apply(([arn, account]) =>
                        JSON.stringify({
                            Version: "2012-10-17",
                            Statement: [
                                { Sid: "Owner", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: ["sns:Publish", "sns:Subscribe", "sns:GetTopicAttributes", "sns:SetTopicAttributes"], Resource: arn },
                                ...services.map(({ sid, service }) => ({ Sid: sid, Effect: "Allow", Principal: { Service: service }, Action: "sns:Publish", Resource: arn, Condition: { StringEquals: { "aws:SourceAccount": account } } })),
                            ],
                        }),
                    ),
                },
                { parent: this },
            );
        }
        args.emails.forEach((email, index) => {
            new sns.TopicSubscription(`${name}-email-${index}`, { topic: this.topic.arn, protocol: "email", endpoint: email }, { parent: this });
        });
        this.registerOutputs({ arn: this.arn });
    }
}

// Where alerts go: an encrypted SNS topic with e-mail subscriptions (each recipient confirms
// once), plus any other endpoints (PagerDuty, chat) as HTTPS subscriptions.
import * as pulumi from "@pulumi/pulumi";
import * as sns from "@pulumi/aws/sns";

export interface AlertTopicArgs {
    readonly kmsKeyArn: pulumi.Input<string>;
    /** E-mail addresses that receive alerts; at least one. */
    readonly emails: string[];
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
        args.emails.forEach((email, index) => {
            new sns.TopicSubscription(`${name}-email-${index}`, { topic: this.topic.arn, protocol: "email", endpoint: email }, { parent: this });
        });
        this.registerOutputs({ arn: this.arn });
    }
}

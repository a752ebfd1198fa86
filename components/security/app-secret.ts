// An application's secrets in Secrets Manager: generated values (from @pulumi/random) rendered
// into one secret, encrypted with a customer key, recoverable for 30 days after deletion. Hosts
// read it at boot by name; the values stay Pulumi secrets in the program and in the state.
import * as pulumi from "@pulumi/pulumi";
import * as secretsmanager from "@pulumi/aws/secretsmanager";

export interface AppSecretArgs {
    /** The secret's name, which hosts use to read it. */
    readonly secretName: string;
    readonly description: string;
    readonly kmsKeyArn: pulumi.Input<string>;
    /** Values by variable name. */
    readonly values: Record<string, pulumi.Input<string>>;
    /** `dotenv` (KEY=value lines, for .env files) or `json`. Default dotenv. */
    readonly format?: "dotenv" | "json";
    readonly tags: Record<string, string>;
}

export function renderDotenv(values: Record<string, string>): string {
    return `${Object.entries(values)
        .map(([key, value]) => `${key}=${/[\s#"'$`\\]/.test(value) ? JSON.stringify(value) : value}`)
        .join("\n")}\n`;
}

export class AppSecret extends pulumi.ComponentResource {
    readonly secret: secretsmanager.Secret;
    readonly arn: pulumi.Output<string>;

    constructor(name: string, args: AppSecretArgs, opts?: pulumi.ComponentResourceOptions) {
        super("readiness:security:AppSecret", name, {}, opts);
        this.secret = new secretsmanager.Secret(
            `${name}-secret`,
            { name: args.secretName, description: args.description, kmsKeyId: args.kmsKeyArn, recoveryWindowInDays: 30, tags: { ...args.tags, Name: args.secretName } },
            { parent: this, protect: true, retainOnDelete: true },
        );
        this.arn = this.secret.arn;
        const rendered = pulumi.all(args.values).apply((values) => (args.format === "json" ? JSON.stringify(values) : renderDotenv(values)));
        new secretsmanager.SecretVersion(`${name}-value`, { secretId: this.secret.id, secretString: pulumi.secret(rendered) }, { parent: this });
        this.registerOutputs({ arn: this.arn, name: args.secretName });
    }
}

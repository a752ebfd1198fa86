// Secrets that people, not programs, hold (a PagerDuty routing key, a Slack webhook) live in AWS
// Secrets Manager, where operators put them; the External Secrets Operator (pinned chart) copies
// them into Kubernetes secrets. The operator's workload role may read exactly the listed secrets.
import * as pulumi from "@pulumi/pulumi";
import * as iam from "@pulumi/aws/iam";
import { CustomResource } from "@pulumi/kubernetes/apiextensions/customResource";
import { Release } from "@pulumi/kubernetes/helm/v3/release";

export interface SecretSyncArgs {
    readonly namespace: pulumi.Input<string>;
    readonly region: string;
    /** ARNs of the Secrets Manager secrets that may be synced. */
    readonly secretArns: pulumi.Input<string>[];
    readonly kmsKeyArn: pulumi.Input<string>;
    readonly oidcProvider: { readonly arn: pulumi.Input<string>; readonly url: pulumi.Input<string> };
    readonly labels: Record<string, string>;
}

export const EXTERNAL_SECRETS_CHART = { chart: "external-secrets", repo: "https://charts.external-secrets.io", version: "0.10.4" };

export class SecretSync extends pulumi.ComponentResource {
    /** Name of the ClusterSecretStore ExternalSecrets refer to. */
    readonly storeName: pulumi.Output<string>;

    constructor(name: string, args: SecretSyncArgs, opts?: pulumi.ComponentResourceOptions) {
        super("readiness:kubernetes:SecretSync", name, {}, opts);
        const serviceAccount = "external-secrets";
        const role = new iam.Role(
            `${name}-reader`,
            {
                assumeRolePolicy: pulumi.all([args.oidcProvider.arn, args.oidcProvider.url, args.namespace]).apply(([arn, url, namespace]) =>
                    JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [{ Effect: "Allow", Principal: { Federated: arn }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { [`${url.replace("https://", "")}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}` } } }],
                    }),
                ),
            },
            { parent: this },
        );
        new iam.RolePolicy(
            `${name}-reader`,
            {
                role: role.id,
                policy: pulumi.all([pulumi.all(args.secretArns), args.kmsKeyArn]).apply(([arns, key]) =>
                    JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [
                            { Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: arns },
                            { Effect: "Allow", Action: "kms:Decrypt", Resource: key },
                        ],
                    }),
                ),
            },
            { parent: this },
        );
        const release = new Release(
            `${name}-operator`,
            {
                name: "external-secrets",
                chart: EXTERNAL_SECRETS_CHART.chart,
                repositoryOpts: { repo: EXTERNAL_SECRETS_CHART.repo },
                version: EXTERNAL_SECRETS_CHART.version,
                namespace: args.namespace,
                atomic: true,
                values: {
                    installCRDs: true,
                    serviceAccount: { name: serviceAccount, annotations: { "eks.amazonaws.com/role-arn": role.arn } },
                    resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
                    commonLabels: args.labels,
                },
            },
            { parent: this },
        );
        const store = new CustomResource(
            `${name}-store`,
            {
                apiVersion: "external-secrets.io/v1beta1",
                kind: "ClusterSecretStore",
                metadata: { name: "aws-secrets-manager", labels: args.labels },
                spec: { provider: { aws: { service: "SecretsManager", region: args.region, auth: { jwt: { serviceAccountRef: { name: serviceAccount, namespace: args.namespace } } } } } },
            },
            { parent: this, dependsOn: [release] },
        );
        this.storeName = store.metadata.name;
        this.registerOutputs({ storeName: this.storeName });
    }
}

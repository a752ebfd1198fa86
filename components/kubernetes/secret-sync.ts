// Secrets that people, not programs, hold (a PagerDuty routing key, a Slack webhook) live in AWS
// Secrets Manager, where operators put them; the External Secrets Operator (pinned chart) copies
// them into Kubernetes secrets. The operator's workload role may read exactly the listed secrets.
// Its namespace denies everything by default; the operator's pods may call AWS and the API server
// over HTTPS, and the API server may call the operator's admission webhook.
import * as pulumi from "@pulumi/pulumi";
import * as iam from "@pulumi/aws/iam";
import { CustomResource } from "@pulumi/kubernetes/apiextensions/customResource";
import { Release } from "@pulumi/kubernetes/helm/v3/release";
import { NetworkPolicy } from "@pulumi/kubernetes/networking/v1/networkPolicy";

export interface SecretSyncArgs {
    readonly namespace: pulumi.Input<string>;
    readonly region: string;
    /** ARNs of the Secrets Manager secrets that may be synced. */
    readonly secretArns: pulumi.Input<string>[];
    readonly kmsKeyArn: pulumi.Input<string>;
    readonly oidcProvider: { readonly arn: pulumi.Input<string>; readonly url: pulumi.Input<string> };
    /** Network the Kubernetes API server calls admission webhooks from (on EKS, the VPC block of the control plane's interfaces). */
    readonly controlPlaneCidr: pulumi.Input<string>;
    readonly labels: Record<string, string>;
}

export const EXTERNAL_SECRETS_CHART = { chart: "external-secrets", repo: "https://charts.external-secrets.io", version: "0.10.4" };
/** The port the chart's webhook serves (webhook.port). */
export const EXTERNAL_SECRETS_WEBHOOK_PORT = 10250;

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
        // Secrets Manager, STS and the API server, all over HTTPS (AWS endpoints are public addresses).
        const egress = new NetworkPolicy(
            `${name}-egress`,
            {
                metadata: { name: "external-secrets-egress", namespace: args.namespace, labels: args.labels },
                spec: { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ port: 443, protocol: "TCP" }] }] },
            },
            { parent: this },
        );
        const webhook = new NetworkPolicy(
            `${name}-webhook`,
            {
                metadata: { name: "external-secrets-webhook", namespace: args.namespace, labels: args.labels },
                spec: {
                    podSelector: { matchLabels: { "app.kubernetes.io/name": "external-secrets-webhook" } },
                    policyTypes: ["Ingress"],
                    ingress: [{ from: [{ ipBlock: { cidr: args.controlPlaneCidr } }], ports: [{ port: EXTERNAL_SECRETS_WEBHOOK_PORT, protocol: "TCP" }] }],
                },
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
                    webhook: { port: EXTERNAL_SECRETS_WEBHOOK_PORT, resources: { requests: { cpu: "20m", memory: "64Mi" }, limits: { cpu: "200m", memory: "256Mi" } } },
                    certController: { resources: { requests: { cpu: "20m", memory: "64Mi" }, limits: { cpu: "200m", memory: "256Mi" } } },
                    commonLabels: args.labels,
                },
            },
            // The operator's pods need their network paths open to become ready.
            { parent: this, dependsOn: [egress, webhook] },
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

// Qdrant, the vector database, from its official helm chart (pinned): an API key from
// @pulumi/random, TLS, its storage and snapshot volumes on the encrypted retained class, a
// CronJob that takes a snapshot and copies it to an encrypted S3 bucket, and a Job that creates
// the application's collections. Reachable only from the listed namespaces.
import * as pulumi from "@pulumi/pulumi";
import * as iam from "@pulumi/aws/iam";
import * as random from "@pulumi/random";
import { CronJob } from "@pulumi/kubernetes/batch/v1/cronJob";
import { Job } from "@pulumi/kubernetes/batch/v1/job";
import { Secret } from "@pulumi/kubernetes/core/v1/secret";
import { ServiceAccount } from "@pulumi/kubernetes/core/v1/serviceAccount";
import { Release } from "@pulumi/kubernetes/helm/v3/release";
import { NetworkPolicy } from "@pulumi/kubernetes/networking/v1/networkPolicy";

export interface QdrantArgs {
    readonly namespace: pulumi.Input<string>;
    readonly storageClassName: pulumi.Input<string>;
    readonly clientNamespaces: string[];
    /** Collections created at install: name -> vector size. */
    readonly collections: Record<string, number>;
    /** Bucket that receives the snapshots, and the OIDC provider of the cluster for the job's role. */
    readonly snapshotBucket: { readonly name: pulumi.Input<string>; readonly arn: pulumi.Input<string> };
    readonly oidcProvider: { readonly arn: pulumi.Input<string>; readonly url: pulumi.Input<string> };
    readonly kmsKeyArn: pulumi.Input<string>;
    /** Cron schedule of snapshots. Default daily at 02:30 UTC. */
    readonly snapshotSchedule?: string;
    readonly labels: Record<string, string>;
}

export const QDRANT_CHART = { chart: "qdrant", repo: "https://qdrant.github.io/qdrant-helm", version: "1.13.4" };

export class Qdrant extends pulumi.ComponentResource {
    readonly apiKey: random.RandomPassword;
    readonly url: pulumi.Output<string>;

    constructor(name: string, args: QdrantArgs, opts?: pulumi.ComponentResourceOptions) {
        super("readiness:datastores:Qdrant", name, {}, opts);
        this.apiKey = new random.RandomPassword(`${name}-api-key`, { length: 48, special: false }, { parent: this });
        const secret = new Secret(`${name}-api-key`, { metadata: { name: `${name}-api-key`, namespace: args.namespace, labels: args.labels }, type: "Opaque", stringData: { "api-key": this.apiKey.result } }, { parent: this });
        const release = new Release(
            `${name}-release`,
            {
                name,
                chart: QDRANT_CHART.chart,
                repositoryOpts: { repo: QDRANT_CHART.repo },
                version: QDRANT_CHART.version,
                namespace: args.namespace,
                atomic: true,
                values: {
                    apiKey: this.apiKey.result,
                    replicaCount: 1,
                    persistence: { size: "50Gi", storageClassName: args.storageClassName },
                    snapshotPersistence: { enabled: true, size: "50Gi", storageClassName: args.storageClassName },
                    config: { service: { enable_tls: true }, tls: { cert: "/qdrant/tls/tls.crt", key: "/qdrant/tls/tls.key" } },
                    resources: { requests: { cpu: "500m", memory: "2Gi" }, limits: { cpu: "2", memory: "4Gi" } },
                    metrics: { serviceMonitor: { enabled: true } },
                    podLabels: args.labels,
                },
            },
            { parent: this, protect: true },
        );
        this.url = pulumi.interpolate`https://${name}.${args.namespace}.svc.cluster.local:6333`;

        new NetworkPolicy(
            `${name}-ingress`,
            {
                metadata: { name, namespace: args.namespace, labels: args.labels },
                spec: {
                    podSelector: { matchLabels: { "app.kubernetes.io/name": "qdrant" } },
                    policyTypes: ["Ingress"],
                    ingress: [{ from: [...args.clientNamespaces, args.namespace].map((namespace) => ({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": namespace } } })), ports: [{ port: 6333, protocol: "TCP" }] }],
                },
            },
            { parent: this },
        );

        // The snapshot job's identity: it may only write into the snapshot bucket.
        const role = new iam.Role(
            `${name}-snapshots`,
            {
                assumeRolePolicy: pulumi.all([args.oidcProvider.arn, args.oidcProvider.url, args.namespace]).apply(([arn, url, namespace]) =>
                    JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [{ Effect: "Allow", Principal: { Federated: arn }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { [`${url.replace("https://", "")}:sub`]: `system:serviceaccount:${namespace}:${name}-snapshots` } } }],
                    }),
                ),
            },
            { parent: this },
        );
        new iam.RolePolicy(
            `${name}-snapshots`,
            {
                role: role.id,
                policy: pulumi.all([args.snapshotBucket.arn, args.kmsKeyArn]).apply(([bucket, key]) =>
                    JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [
                            { Effect: "Allow", Action: ["s3:PutObject"], Resource: `${bucket}/qdrant/*` },
                            { Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Encrypt"], Resource: key },
                        ],
                    }),
                ),
            },
            { parent: this },
        );
        const account = new ServiceAccount(`${name}-snapshots`, { metadata: { name: `${name}-snapshots`, namespace: args.namespace, labels: args.labels, annotations: { "eks.amazonaws.com/role-arn": role.arn } } }, { parent: this });
        const apiKeyEnv = [{ name: "QDRANT_API_KEY", valueFrom: { secretKeyRef: { name: secret.metadata.name, key: "api-key" } } }];
        const limits = { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } };
        new CronJob(
            `${name}-snapshots`,
            {
                metadata: { name: `${name}-snapshots`, namespace: args.namespace, labels: args.labels },
                spec: {
                    schedule: args.snapshotSchedule ?? "30 2 * * *",
                    timeZone: "Etc/UTC",
                    concurrencyPolicy: "Forbid",
                    successfulJobsHistoryLimit: 3,
                    failedJobsHistoryLimit: 3,
                    jobTemplate: {
                        spec: {
                            backoffLimit: 2,
                            template: {
                                metadata: { labels: { ...args.labels, "app.kubernetes.io/name": `${name}-snapshots` } },
                                spec: {
                                    serviceAccountName: account.metadata.name,
                                    restartPolicy: "OnFailure",
                                    containers: [
                                        {
                                            name: "snapshot",
                                            image: "amazon/aws-cli:2.17.50",
                                            env: [...apiKeyEnv, { name: "BUCKET", value: args.snapshotBucket.name }],
                                            command: ["/bin/sh", "-ec"],
                                            args: [
                                                this.url.apply(
                                                    (url) =>
                                                        `SNAP=$(curl -sfk -X POST -H "api-key: $QDRANT_API_KEY" ${url}/snapshots | sed -n 's/.*"name":"\\([^"]*\\)".*/\\1/p')\n` +
                                                        `curl -sfk -H "api-key: $QDRANT_API_KEY" -o /tmp/$SNAP ${url}/snapshots/$SNAP\n` +
                                                        `aws s3 cp /tmp/$SNAP s3://$BUCKET/qdrant/$SNAP --sse aws:kms`,
                                                ),
                                            ],
                                            resources: limits,
                                        },
                                    ],
                                },
                            },
                        },
                    },
                },
            },
            { parent: this, dependsOn: [release] },
        );
        new Job(
            `${name}-collections`,
            {
                metadata: { name: `${name}-collections`, namespace: args.namespace, labels: args.labels },
                spec: {
                    backoffLimit: 6,
                    template: {
                        metadata: { labels: { ...args.labels, "app.kubernetes.io/name": `${name}-collections` } },
                        spec: {
                            restartPolicy: "OnFailure",
                            containers: [
                                {
                                    name: "collections",
                                    image: "curlimages/curl:8.10.1",
                                    env: apiKeyEnv,
                                    command: ["/bin/sh", "-ec"],
                                    args: [
                                        this.url.apply((url) =>
                                            Object.entries(args.collections)
                                                .map(([collection, size]) => `curl -sfk -X PUT -H "api-key: $QDRANT_API_KEY" -H "Content-Type: application/json" ${url}/collections/${collection} -d '{"vectors":{"size":${size},"distance":"Cosine"}}' || curl -sfk -H "api-key: $QDRANT_API_KEY" ${url}/collections/${collection}`)
                                                .join("\n"),
                                        ),
                                    ],
                                    resources: limits,
                                },
                            ],
                        },
                    },
                },
            },
            { parent: this, dependsOn: [release] },
        );
        this.registerOutputs({ url: this.url });
    }
}

// Qdrant, the vector database, from its official helm chart (pinned): an API key from
// @pulumi/random, TLS with a certificate from a private CA of its own (ServiceCertificate; clients
// trust the CA, which the component exposes), its storage and snapshot volumes on the encrypted retained class, a
// CronJob that takes a snapshot and copies it to an encrypted S3 bucket, and a Job that creates
// the application's collections. Reachable only from the listed namespaces and its own jobs.
import * as pulumi from "@pulumi/pulumi";
import * as iam from "@pulumi/aws/iam";
import * as random from "@pulumi/random";
import { CustomResource } from "@pulumi/kubernetes/apiextensions/customResource";
import { CronJob } from "@pulumi/kubernetes/batch/v1/cronJob";
import { Job } from "@pulumi/kubernetes/batch/v1/job";
import { Secret } from "@pulumi/kubernetes/core/v1/secret";
import { ServiceAccount } from "@pulumi/kubernetes/core/v1/serviceAccount";
import { Release } from "@pulumi/kubernetes/helm/v3/release";
import { NetworkPolicy } from "@pulumi/kubernetes/networking/v1/networkPolicy";
import { ServiceCertificate } from "../kubernetes/service-certificate";

export interface QdrantArgs {
    readonly namespace: pulumi.Input<string>;
    readonly storageClassName: pulumi.Input<string>;
    /** Namespaces whose pods may connect (REST, 6333); Prometheus scrapes the same port. */
    readonly clientNamespaces: string[];
    /** Collections created at install: name -> vector size. */
    readonly collections: Record<string, number>;
    /** Bucket that receives the snapshots, and the OIDC provider of the cluster for the job's role. */
    readonly snapshotBucket: { readonly name: pulumi.Input<string>; readonly arn: pulumi.Input<string> };
    readonly oidcProvider: { readonly arn: pulumi.Input<string>; readonly url: pulumi.Input<string> };
    readonly kmsKeyArn: pulumi.Input<string>;
    /** Cron schedule of snapshots. Default daily at 02:30 UTC. */
    readonly snapshotSchedule?: string;
    /** The release installing the ServiceMonitor CRD (kube-prometheus-stack), which the ServiceMonitor needs first. Default: none (the CRD exists). */
    readonly serviceMonitorCrds?: pulumi.Resource;
    readonly labels: Record<string, string>;
}

export const QDRANT_CHART = { chart: "qdrant", repo: "https://qdrant.github.io/qdrant-helm", version: "1.13.4" };
const REST_PORT = 6333;
/** Where the chart's pod mounts the certificate Secret (additionalVolumeMounts). */
const TLS_DIR = "/qdrant/tls";
/** Where the jobs mount the CA certificate. */
const CA_DIR = "/etc/qdrant-ca";
/** The chart's pod-level fsGroup, which makes the volumes writable to Qdrant's user without the chown init container. */
const FS_GROUP = 3000;

export class Qdrant extends pulumi.ComponentResource {
    readonly apiKey: random.RandomPassword;
    readonly url: pulumi.Output<string>;
    /** The private CA that signs Qdrant's certificate (PEM): clients verify the server with it. */
    readonly caCertPem: pulumi.Output<string>;

    constructor(name: string, args: QdrantArgs, opts?: pulumi.ComponentResourceOptions) {
        super("readiness:datastores:Qdrant", name, {}, opts);
        this.apiKey = new random.RandomPassword(`${name}-api-key`, { length: 48, special: false }, { parent: this });
        const secret = new Secret(`${name}-api-key`, { metadata: { name: `${name}-api-key`, namespace: args.namespace, labels: args.labels }, type: "Opaque", stringData: { "api-key": this.apiKey.result } }, { parent: this });

        // TLS from a private CA of its own (no cert-manager in the cluster). The chart names its services
        // after the release (which contains "qdrant") and `<release>-headless`; Qdrant rereads the files hourly.
        const certificate = new ServiceCertificate(
            `${name}-tls`,
            { namespace: args.namespace, services: [name, `${name}-headless`], headlessServices: [`${name}-headless`], secretName: `${name}-tls`, labels: args.labels },
            { parent: this },
        );
        this.caCertPem = certificate.caCertPem;
        const tlsSecret = certificate.secret;

        const qdrantPods = { matchLabels: { "app.kubernetes.io/name": "qdrant", "app.kubernetes.io/instance": name } };
        const jobNames = [`${name}-snapshots`, `${name}-collections`];
        const jobPods = { matchExpressions: [{ key: "app.kubernetes.io/name", operator: "In", values: jobNames }] };
        const rest = [{ port: REST_PORT, protocol: "TCP" }];
        const ingress = new NetworkPolicy(
            `${name}-ingress`,
            {
                metadata: { name, namespace: args.namespace, labels: args.labels },
                spec: {
                    podSelector: qdrantPods,
                    policyTypes: ["Ingress"],
                    ingress: [
                        // An empty `from` would admit everyone: no rule for an empty list.
                        ...(args.clientNamespaces.length > 0 ? [{ from: args.clientNamespaces.map((namespace) => ({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": namespace } } })), ports: rest }] : []),
                        { from: [{ podSelector: jobPods }], ports: rest },
                    ],
                },
            },
            { parent: this },
        );
        // Qdrant itself opens no connection (single node, telemetry off); its jobs reach it, and the
        // snapshot job reaches STS and S3 over HTTPS.
        const jobsEgress = new NetworkPolicy(
            `${name}-jobs-egress`,
            { metadata: { name: `${name}-jobs`, namespace: args.namespace, labels: args.labels }, spec: { podSelector: jobPods, policyTypes: ["Egress"], egress: [{ to: [{ podSelector: qdrantPods }], ports: rest }] } },
            { parent: this },
        );
        const snapshotsEgress = new NetworkPolicy(
            `${name}-snapshots-egress`,
            {
                metadata: { name: `${name}-snapshots-aws`, namespace: args.namespace, labels: args.labels },
                spec: { podSelector: { matchLabels: { "app.kubernetes.io/name": `${name}-snapshots` } }, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ port: 443, protocol: "TCP" }] }] },
            },
            { parent: this },
        );

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
                    // The chart's chown init container has no resources; the pod's fsGroup makes the volumes writable instead.
                    updateVolumeFsOwnership: false,
                    podSecurityContext: { fsGroup: FS_GROUP, fsGroupChangePolicy: "OnRootMismatch" },
                    config: {
                        service: { enable_tls: true },
                        tls: { cert: `${TLS_DIR}/tls.crt`, key: `${TLS_DIR}/tls.key`, ca_cert: `${TLS_DIR}/ca.crt`, cert_ttl: 3600 },
                        telemetry_disabled: true,
                    },
                    additionalVolumes: [{ name: "tls", secret: { secretName: tlsSecret.metadata.name, defaultMode: 0o440 } }],
                    additionalVolumeMounts: [{ name: "tls", mountPath: TLS_DIR, readOnly: true }],
                    resources: { requests: { cpu: "500m", memory: "2Gi" }, limits: { cpu: "2", memory: "4Gi" } },
                    // The chart's ServiceMonitor scrapes over plain HTTP, which a TLS-only Qdrant refuses: the one below scrapes over HTTPS.
                    metrics: { serviceMonitor: { enabled: false } },
                    podLabels: args.labels,
                },
            },
            { parent: this, protect: true, retainOnDelete: true, dependsOn: [ingress] },
        );
        this.url = pulumi.interpolate`https://${name}.${args.namespace}.svc.cluster.local:${REST_PORT}`;

        // Prometheus scrapes /metrics over HTTPS, verifying the certificate, with the API key; job="qdrant" (the service's app label).
        new CustomResource(
            `${name}-metrics`,
            {
                apiVersion: "monitoring.coreos.com/v1",
                kind: "ServiceMonitor",
                metadata: { name, namespace: args.namespace, labels: args.labels },
                spec: {
                    jobLabel: "app",
                    selector: { matchLabels: { ...qdrantPods.matchLabels, "app.kubernetes.io/component": "cluster-discovery" } },
                    endpoints: [
                        {
                            port: "http",
                            path: "/metrics",
                            scheme: "https",
                            interval: "30s",
                            scrapeTimeout: "10s",
                            honorLabels: true,
                            tlsConfig: { ca: { secret: { name: tlsSecret.metadata.name, key: "ca.crt" } }, serverName: pulumi.interpolate`${name}.${args.namespace}.svc` },
                            authorization: { type: "Bearer", credentials: { name: secret.metadata.name, key: "api-key" } },
                        },
                    ],
                },
            },
            { parent: this, dependsOn: [release, ...(args.serviceMonitorCrds ? [args.serviceMonitorCrds] : [])] },
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
                            // Multipart uploads (snapshots above 8 MB) under SSE-KMS need kms:Decrypt as well.
                            { Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Encrypt", "kms:Decrypt"], Resource: key },
                        ],
                    }),
                ),
            },
            { parent: this },
        );
        const account = new ServiceAccount(`${name}-snapshots`, { metadata: { name: `${name}-snapshots`, namespace: args.namespace, labels: args.labels, annotations: { "eks.amazonaws.com/role-arn": role.arn } } }, { parent: this });
        const apiKeyEnv = [{ name: "QDRANT_API_KEY", valueFrom: { secretKeyRef: { name: secret.metadata.name, key: "api-key" } } }];
        const limits = { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } };
        // The jobs verify Qdrant's certificate against the CA (only ca.crt of the TLS Secret is mounted).
        const caVolume = { name: "qdrant-ca", secret: { secretName: tlsSecret.metadata.name, items: [{ key: "ca.crt", path: "ca.crt" }] } };
        const caMount = { name: "qdrant-ca", mountPath: CA_DIR, readOnly: true };
        const curl = `curl -sf --cacert ${CA_DIR}/ca.crt -H "api-key: $QDRANT_API_KEY"`;
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
                                                        `SNAP=$(${curl} -X POST ${url}/snapshots | sed -n 's/.*"name":"\\([^"]*\\)".*/\\1/p')\n` +
                                                        `${curl} -o /tmp/$SNAP ${url}/snapshots/$SNAP\n` +
                                                        // The bucket's default encryption applies the customer key (--sse aws:kms alone would use aws/s3).
                                                        `aws s3 cp /tmp/$SNAP s3://$BUCKET/qdrant/$SNAP\n` +
                                                        // Copied off the cluster: free the snapshot volume for the next one.
                                                        `${curl} -X DELETE ${url}/snapshots/$SNAP`,
                                                ),
                                            ],
                                            resources: limits,
                                            volumeMounts: [caMount],
                                        },
                                    ],
                                    volumes: [caVolume],
                                },
                            },
                        },
                    },
                },
            },
            { parent: this, dependsOn: [release, jobsEgress, snapshotsEgress] },
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
                                                .map(([collection, size]) => `${curl} -X PUT -H "Content-Type: application/json" ${url}/collections/${collection} -d '{"vectors":{"size":${size},"distance":"Cosine"}}' || ${curl} ${url}/collections/${collection}`)
                                                .join("\n"),
                                        ),
                                    ],
                                    resources: limits,
                                    volumeMounts: [caMount],
                                },
                            ],
                            volumes: [caVolume],
                        },
                    },
                },
            },
            { parent: this, dependsOn: [release, jobsEgress] },
        );
        this.registerOutputs({ url: this.url, caCertPem: this.caCertPem });
    }
}

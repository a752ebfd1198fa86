// Redis for the application's cache and queues, on Kubernetes: ElastiCache for Redis 7 offers no
// append-only file, and the checklist asks for AOF, so Redis runs from the Bitnami chart
// (pinned) with AOF (fsync every second) and RDB snapshots, a password from @pulumi/random, TLS,
// maxmemory 2 GB with allkeys-lru, and its data on encrypted, retained volumes that AWS Backup
// snapshots daily (the storage class tags them). TLS 1.3 only, with a certificate from a private
// CA of its own (ServiceCertificate) that clients trust (`caCertPem`). Reachable only from the listed
// namespaces (and its exporter from the monitoring ones); its pods may only talk to each other.
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { Secret } from "@pulumi/kubernetes/core/v1/secret";
import { Release } from "@pulumi/kubernetes/helm/v3/release";
import { NetworkPolicy } from "@pulumi/kubernetes/networking/v1/networkPolicy";
import { ServiceCertificate } from "../kubernetes/service-certificate";

export interface RedisArgs {
    readonly namespace: pulumi.Input<string>;
    readonly storageClassName: pulumi.Input<string>;
    /** Namespaces whose pods may connect. */
    readonly clientNamespaces: string[];
    /** Namespaces whose Prometheus scrapes the metrics exporter (port 9121). */
    readonly metricsNamespaces: string[];
    /** Memory Redis may use before evicting. Default "2gb". */
    readonly maxMemory?: string;
    /** Volume size per node. Default "20Gi". */
    readonly volumeSize?: string;
    /** The release installing the ServiceMonitor CRD (kube-prometheus-stack), which the chart's ServiceMonitor needs first. Default: none (the CRD exists). */
    readonly serviceMonitorCrds?: pulumi.Resource;
    readonly labels: Record<string, string>;
}

export const REDIS_CHART = { chart: "oci://registry-1.docker.io/bitnamicharts/redis", version: "20.6.2" };
const REDIS_PORT = 6379;
/** The chart's metrics.containerPorts.http. */
const EXPORTER_PORT = 9121;

export function redisConfiguration(maxMemory: string): string {
    return [
        "appendonly yes",
        "appendfsync everysec",
        "save 900 1",
        "save 300 10",
        "save 60 10000",
        `maxmemory ${maxMemory}`,
        "maxmemory-policy allkeys-lru",
        // Redis accepts TLS 1.2 and 1.3 by default; PHI travels over TLS 1.3 only.
        'tls-protocols "TLSv1.3"',
    ].join("\n");
}

export class Redis extends pulumi.ComponentResource {
    readonly password: random.RandomPassword;
    readonly release: Release;
    /** Host of the primary inside the cluster. */
    readonly host: pulumi.Output<string>;
    /** The CA (PEM) that signs Redis's certificate: clients verify the server with it. */
    readonly caCertPem: pulumi.Output<string>;

    constructor(name: string, args: RedisArgs, opts?: pulumi.ComponentResourceOptions) {
        super("readiness:datastores:Redis", name, {}, opts);
        this.password = new random.RandomPassword(`${name}-password`, { length: 32, special: false }, { parent: this });
        const auth = new Secret(
            `${name}-auth`,
            { metadata: { name: `${name}-auth`, namespace: args.namespace, labels: args.labels }, type: "Opaque", stringData: { "redis-password": this.password.result } },
            { parent: this },
        );
        // The chart names its services <release>-master, -replicas and -headless (the release contains
        // "redis"); replicas reach the master by its pod name, the exporter sidecar by localhost.
        const certificate = new ServiceCertificate(
            `${name}-tls`,
            {
                namespace: args.namespace,
                services: [`${name}-master`, `${name}-replicas`, `${name}-headless`],
                headlessServices: [`${name}-headless`],
                extraDnsNames: ["localhost"],
                ipAddresses: ["127.0.0.1"],
                secretName: `${name}-tls`,
                labels: args.labels,
            },
            { parent: this },
        );
        this.caCertPem = certificate.caCertPem;
        const persistence = { enabled: true, storageClass: args.storageClassName, size: args.volumeSize ?? "20Gi" };
        const resources = { requests: { cpu: "500m", memory: "2560Mi" }, limits: { cpu: "1", memory: "3Gi" } };
        const pods = { matchLabels: { "app.kubernetes.io/name": "redis", "app.kubernetes.io/instance": name } };
        const fromNamespaces = (namespaces: string[]) => namespaces.map((namespace) => ({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": namespace } } }));
        const ingress = new NetworkPolicy(
            `${name}-ingress`,
            {
                metadata: { name, namespace: args.namespace, labels: args.labels },
                spec: {
                    podSelector: pods,
                    policyTypes: ["Ingress"],
                    ingress: [
                        // A rule with an empty `from` would admit everyone: none for an empty list.
                        ...(args.clientNamespaces.length > 0 ? [{ from: fromNamespaces(args.clientNamespaces), ports: [{ port: REDIS_PORT, protocol: "TCP" }] }] : []),
                        // Replication between the Redis pods.
                        { from: [{ podSelector: pods }], ports: [{ port: REDIS_PORT, protocol: "TCP" }] },
                        ...(args.metricsNamespaces.length > 0 ? [{ from: fromNamespaces(args.metricsNamespaces), ports: [{ port: EXPORTER_PORT, protocol: "TCP" }] }] : []),
                    ],
                },
            },
            { parent: this },
        );
        // Replicas connect to the master; nothing else leaves the pods (DNS is allowed namespace-wide).
        const egress = new NetworkPolicy(
            `${name}-egress`,
            {
                metadata: { name: `${name}-egress`, namespace: args.namespace, labels: args.labels },
                spec: { podSelector: pods, policyTypes: ["Egress"], egress: [{ to: [{ podSelector: pods }], ports: [{ port: REDIS_PORT, protocol: "TCP" }] }] },
            },
            { parent: this },
        );
        this.release = new Release(
            `${name}-release`,
            {
                name,
                chart: REDIS_CHART.chart,
                version: REDIS_CHART.version,
                namespace: args.namespace,
                atomic: true,
                values: {
                    architecture: "replication",
                    commonLabels: args.labels,
                    auth: { enabled: true, existingSecret: auth.metadata.name, existingSecretPasswordKey: "redis-password" },
                    tls: { enabled: true, authClients: false, existingSecret: certificate.secretName, certFilename: "tls.crt", certKeyFilename: "tls.key", certCAFilename: "ca.crt" },
                    commonConfiguration: redisConfiguration(args.maxMemory ?? "2gb"),
                    // Redis reads its certificate at start: a renewed one rolls the pods.
                    master: { persistence, resources, podAnnotations: { "readiness/tls-certificate-sha256": certificate.fingerprint }, persistentVolumeClaimRetentionPolicy: { enabled: true, whenDeleted: "Retain", whenScaled: "Retain" } },
                    replica: { replicaCount: 2, persistence, resources, podAnnotations: { "readiness/tls-certificate-sha256": certificate.fingerprint }, persistentVolumeClaimRetentionPolicy: { enabled: true, whenDeleted: "Retain", whenScaled: "Retain" } },
                    metrics: { enabled: true, serviceMonitor: { enabled: true }, resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "250m", memory: "256Mi" } } },
                    networkPolicy: { enabled: false },
                },
            },
            // Replicas must reach the master for the atomic install to become ready.
            { parent: this, protect: true, retainOnDelete: true, dependsOn: [ingress, egress, ...(args.serviceMonitorCrds ? [args.serviceMonitorCrds] : [])] },
        );
        this.host = pulumi.interpolate`${name}-master.${args.namespace}.svc.cluster.local`;
        this.registerOutputs({ host: this.host, caCertPem: this.caCertPem });
    }
}

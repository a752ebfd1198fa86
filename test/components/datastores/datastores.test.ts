import { Provider } from "@pulumi/kubernetes/provider";
import { ConfigMap } from "@pulumi/kubernetes/core/v1/configMap";
import { Qdrant, QDRANT_CHART } from "../../../components/datastores/qdrant";
import { REDIS_CHART, Redis, redisConfiguration } from "../../../components/datastores/redis";
import { createHash } from "crypto";
import { RecordingSession, plain } from "../../../gate/program";
import { inputsOf, named, ofType, recordingMocks } from "../../helpers/mocks";

let session: RecordingSession;
const labels = { "readiness/blueprint": "voiceassist" };
const SECRET = "4dabf18193072939515e22adb298388d";
const POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const inNamespace = (namespace: string) => ({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": namespace } } });

/** True when the value at the path of the wire inputs is a secret (or inside one). */
function secretAt(value: unknown, path: string[]): boolean {
    let current = value as Record<string, unknown> | undefined;
    for (const key of path) {
        if (current && typeof current === "object" && SECRET in current) {
            return true;
        }
        current = current?.[key] as Record<string, unknown> | undefined;
    }
    return typeof current === "object" && current !== null && SECRET in current;
}

const urnOf = (type: string, name: string) => named(session, type, name).urn;

beforeAll(async () => {
    session = await recordingMocks();
    const provider = new Provider("k8s", { kubeconfig: "{}" });
    // Stands in for the kube-prometheus-stack release that installs the ServiceMonitor CRD.
    const crds = new ConfigMap("crds", { data: {} }, { provider });
    new Redis("redis", { namespace: "data", storageClassName: "gp3-encrypted", clientNamespaces: ["voiceassist"], metricsNamespaces: ["monitoring"], serviceMonitorCrds: crds, labels }, { provider });
    new Redis("lonely", { namespace: "data", storageClassName: "gp3-encrypted", clientNamespaces: [], metricsNamespaces: [], labels }, { provider });
    new Qdrant(
        "qdrant",
        {
            namespace: "data",
            storageClassName: "gp3-encrypted",
            clientNamespaces: ["voiceassist", "monitoring"],
            collections: { documents: 1536 },
            snapshotBucket: { name: "snapshots", arn: "arn:aws:s3:::snapshots" },
            oidcProvider: { arn: "arn:oidc", url: "https://oidc.example/id/X" },
            kmsKeyArn: "arn:key",
            serviceMonitorCrds: crds,
            labels,
        },
        { provider },
    );
    await session.settle();
});

describe("Redis", () => {
    it("installs the pinned chart with AOF + RDB, 2 GB allkeys-lru, auth, TLS 1.3 only and encrypted retained volumes", () => {
        const release = named(session, RELEASE, "redis-release");
        expect(release.options.protect).toBe(true);
        expect(release.options.retainOnDelete).toBe(true);
        const inputs = inputsOf(release);
        expect(inputs).toMatchObject({ name: "redis", chart: REDIS_CHART.chart, version: "20.6.2", namespace: "data", atomic: true });
        // The pods roll when `pulumi up` renews the certificate (Redis reads it only at start).
        const certificate = String(plain(named(session, "tls:index/locallySignedCert:LocallySignedCert", "redis-tls-cert").properties.certPem));
        const podAnnotations = { "readiness/tls-certificate-sha256": createHash("sha256").update(certificate).digest("hex") };
        expect(inputs.values).toEqual({
            architecture: "replication",
            commonLabels: labels,
            auth: { enabled: true, existingSecret: "redis-auth", existingSecretPasswordKey: "redis-password" },
            tls: { enabled: true, authClients: false, existingSecret: "redis-tls", certFilename: "tls.crt", certKeyFilename: "tls.key", certCAFilename: "ca.crt" },
            commonConfiguration: 'appendonly yes\nappendfsync everysec\nsave 900 1\nsave 300 10\nsave 60 10000\nmaxmemory 2gb\nmaxmemory-policy allkeys-lru\ntls-protocols "TLSv1.3"',
            master: {
                persistence: { enabled: true, storageClass: "gp3-encrypted", size: "20Gi" },
                resources: { requests: { cpu: "500m", memory: "2560Mi" }, limits: { cpu: "1", memory: "3Gi" } },
                podAnnotations,
                persistentVolumeClaimRetentionPolicy: { enabled: true, whenDeleted: "Retain", whenScaled: "Retain" },
            },
            replica: {
                replicaCount: 2,
                persistence: { enabled: true, storageClass: "gp3-encrypted", size: "20Gi" },
                resources: { requests: { cpu: "500m", memory: "2560Mi" }, limits: { cpu: "1", memory: "3Gi" } },
                podAnnotations,
                persistentVolumeClaimRetentionPolicy: { enabled: true, whenDeleted: "Retain", whenScaled: "Retain" },
            },
            metrics: { enabled: true, serviceMonitor: { enabled: true }, resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "250m", memory: "256Mi" } } },
            networkPolicy: { enabled: false },
        });
        expect(redisConfiguration("1gb")).toContain("maxmemory 1gb");
    });

    it("serves a certificate of its own CA for its services, its pods (replication) and localhost (the exporter)", () => {
        expect(inputsOf(named(session, "tls:index/certRequest:CertRequest", "redis-tls-request"))).toMatchObject({
            subject: { commonName: "redis-master.data.svc" },
            dnsNames: [
                "redis-master",
                "redis-master.data",
                "redis-master.data.svc",
                "redis-master.data.svc.cluster.local",
                "redis-replicas",
                "redis-replicas.data",
                "redis-replicas.data.svc",
                "redis-replicas.data.svc.cluster.local",
                "redis-headless",
                "redis-headless.data",
                "redis-headless.data.svc",
                "redis-headless.data.svc.cluster.local",
                "*.redis-headless.data.svc.cluster.local",
                "localhost",
            ],
            ipAddresses: ["127.0.0.1"],
        });
        expect(inputsOf(named(session, "kubernetes:core/v1:Secret", "redis-tls-secret")).metadata).toEqual({ name: "redis-tls", namespace: "data", labels });
    });

    it("keeps the generated 32-character password a secret, referenced by the chart through its Secret", () => {
        expect(inputsOf(named(session, "random:index/randomPassword:RandomPassword", "redis-password"))).toEqual({ length: 32, special: false });
        const auth = named(session, "kubernetes:core/v1:Secret", "redis-auth");
        expect(secretAt(auth.inputs, ["stringData", "redis-password"])).toBe(true);
        expect((plain(auth.inputs) as Record<string, Record<string, string>>).stringData["redis-password"]).toHaveLength(32);
        expect(JSON.stringify(plain(named(session, RELEASE, "redis-release").inputs.values))).not.toContain((plain(auth.inputs) as Record<string, Record<string, string>>).stringData["redis-password"]);
    });

    it("admits the client namespaces on 6379, its own pods (replication) and Prometheus on the exporter's 9121", () => {
        const pods = { matchLabels: { "app.kubernetes.io/name": "redis", "app.kubernetes.io/instance": "redis" } };
        expect(inputsOf(named(session, POLICY, "redis-ingress"))).toEqual({
            apiVersion: "networking.k8s.io/v1",
            kind: "NetworkPolicy",
            metadata: { name: "redis", namespace: "data", labels },
            spec: {
                podSelector: pods,
                policyTypes: ["Ingress"],
                ingress: [
                    { from: [inNamespace("voiceassist")], ports: [{ port: 6379, protocol: "TCP" }] },
                    { from: [{ podSelector: pods }], ports: [{ port: 6379, protocol: "TCP" }] },
                    { from: [inNamespace("monitoring")], ports: [{ port: 9121, protocol: "TCP" }] },
                ],
            },
        });
    });

    it("lets its pods reach each other on 6379 (replicas to the master) and nothing else", () => {
        const pods = { matchLabels: { "app.kubernetes.io/name": "redis", "app.kubernetes.io/instance": "redis" } };
        expect(inputsOf(named(session, POLICY, "redis-egress"))).toEqual({
            apiVersion: "networking.k8s.io/v1",
            kind: "NetworkPolicy",
            metadata: { name: "redis-egress", namespace: "data", labels },
            spec: { podSelector: pods, policyTypes: ["Egress"], egress: [{ to: [{ podSelector: pods }], ports: [{ port: 6379, protocol: "TCP" }] }] },
        });
    });

    it("installs after its network policies and the ServiceMonitor CRD", () => {
        expect(named(session, RELEASE, "redis-release").dependencies).toEqual(expect.arrayContaining([urnOf(POLICY, "redis-ingress"), urnOf(POLICY, "redis-egress"), urnOf("kubernetes:core/v1:ConfigMap", "crds")]));
    });

    it("opens no rule to everyone when a namespace list is empty", () => {
        // A rule with an empty `from` admits every source; the component leaves such rules out.
        const rules = (inputsOf(named(session, POLICY, "lonely-ingress")).spec as { ingress: { from: unknown[] }[] }).ingress;
        expect(rules).toEqual([{ from: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "redis", "app.kubernetes.io/instance": "lonely" } } }], ports: [{ port: 6379, protocol: "TCP" }] }]);
    });
});

describe("Qdrant", () => {
    it("installs the official chart with a generated API key (secret), TLS from a mounted certificate and encrypted storage", () => {
        const release = named(session, RELEASE, "qdrant-release");
        expect(release.options.protect).toBe(true);
        expect(release.options.retainOnDelete).toBe(true);
        const inputs = inputsOf(release);
        expect(inputs).toMatchObject({ name: "qdrant", chart: "qdrant", repositoryOpts: { repo: QDRANT_CHART.repo }, version: "1.13.4", namespace: "data", atomic: true });
        expect(secretAt(release.inputs, ["values", "apiKey"])).toBe(true);
        expect(inputs.values).toEqual({
            apiKey: expect.stringMatching(/^[A-Za-z0-9]{48}$/),
            replicaCount: 1,
            persistence: { size: "50Gi", storageClassName: "gp3-encrypted" },
            snapshotPersistence: { enabled: true, size: "50Gi", storageClassName: "gp3-encrypted" },
            updateVolumeFsOwnership: false,
            podSecurityContext: { fsGroup: 3000, fsGroupChangePolicy: "OnRootMismatch" },
            config: {
                service: { enable_tls: true },
                tls: { cert: "/qdrant/tls/tls.crt", key: "/qdrant/tls/tls.key", ca_cert: "/qdrant/tls/ca.crt", cert_ttl: 3600 },
                telemetry_disabled: true,
            },
            additionalVolumes: [{ name: "tls", secret: { secretName: "qdrant-tls", defaultMode: 0o440 } }],
            additionalVolumeMounts: [{ name: "tls", mountPath: "/qdrant/tls", readOnly: true }],
            resources: { requests: { cpu: "500m", memory: "2Gi" }, limits: { cpu: "2", memory: "4Gi" } },
            metrics: { serviceMonitor: { enabled: false } },
            podLabels: labels,
        });
    });

    it("serves a certificate of its own CA for its services and pods", () => {
        expect(inputsOf(named(session, "tls:index/certRequest:CertRequest", "qdrant-tls-request"))).toMatchObject({
            subject: { commonName: "qdrant.data.svc" },
            dnsNames: [
                "qdrant",
                "qdrant.data",
                "qdrant.data.svc",
                "qdrant.data.svc.cluster.local",
                "qdrant-headless",
                "qdrant-headless.data",
                "qdrant-headless.data.svc",
                "qdrant-headless.data.svc.cluster.local",
                "*.qdrant-headless.data.svc.cluster.local",
            ],
            ipAddresses: [],
        });
        expect(inputsOf(named(session, "kubernetes:core/v1:Secret", "qdrant-tls-secret")).metadata).toEqual({ name: "qdrant-tls", namespace: "data", labels });
    });

    it("is scraped over HTTPS, verifying the certificate against the CA, with the API key", () => {
        const monitor = named(session, "kubernetes:monitoring.coreos.com/v1:ServiceMonitor", "qdrant-metrics");
        expect(inputsOf(monitor)).toEqual({
            apiVersion: "monitoring.coreos.com/v1",
            kind: "ServiceMonitor",
            metadata: { name: "qdrant", namespace: "data", labels },
            spec: {
                jobLabel: "app",
                selector: { matchLabels: { "app.kubernetes.io/name": "qdrant", "app.kubernetes.io/instance": "qdrant", "app.kubernetes.io/component": "cluster-discovery" } },
                endpoints: [
                    {
                        port: "http",
                        path: "/metrics",
                        scheme: "https",
                        interval: "30s",
                        scrapeTimeout: "10s",
                        honorLabels: true,
                        tlsConfig: { ca: { secret: { name: "qdrant-tls", key: "ca.crt" } }, serverName: "qdrant.data.svc" },
                        authorization: { type: "Bearer", credentials: { name: "qdrant-api-key", key: "api-key" } },
                    },
                ],
            },
        });
        expect(monitor.dependencies).toEqual(expect.arrayContaining([urnOf(RELEASE, "qdrant-release"), urnOf("kubernetes:core/v1:ConfigMap", "crds")]));
    });

    it("admits the client namespaces and its own jobs on 6333; the jobs reach Qdrant, the snapshot job also AWS over HTTPS", () => {
        const qdrantPods = { matchLabels: { "app.kubernetes.io/name": "qdrant", "app.kubernetes.io/instance": "qdrant" } };
        const jobPods = { matchExpressions: [{ key: "app.kubernetes.io/name", operator: "In", values: ["qdrant-snapshots", "qdrant-collections"] }] };
        const rest = [{ port: 6333, protocol: "TCP" }];
        const policy = (name: string) => inputsOf(named(session, POLICY, name)).spec;
        expect(policy("qdrant-ingress")).toEqual({
            podSelector: qdrantPods,
            policyTypes: ["Ingress"],
            ingress: [
                { from: [inNamespace("voiceassist"), inNamespace("monitoring")], ports: rest },
                { from: [{ podSelector: jobPods }], ports: rest },
            ],
        });
        expect(policy("qdrant-jobs-egress")).toEqual({ podSelector: jobPods, policyTypes: ["Egress"], egress: [{ to: [{ podSelector: qdrantPods }], ports: rest }] });
        expect(policy("qdrant-snapshots-egress")).toEqual({
            podSelector: { matchLabels: { "app.kubernetes.io/name": "qdrant-snapshots" } },
            policyTypes: ["Egress"],
            egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ port: 443, protocol: "TCP" }] }],
        });
        expect(named(session, "kubernetes:batch/v1:CronJob", "qdrant-snapshots").dependencies).toEqual(expect.arrayContaining([urnOf(POLICY, "qdrant-jobs-egress"), urnOf(POLICY, "qdrant-snapshots-egress")]));
        expect(named(session, "kubernetes:batch/v1:Job", "qdrant-collections").dependencies).toContain(urnOf(POLICY, "qdrant-jobs-egress"));
    });

    it("snapshots daily to S3 under the bucket's customer key, verifying Qdrant's certificate, then frees the snapshot volume", () => {
        const cron = inputsOf(named(session, "kubernetes:batch/v1:CronJob", "qdrant-snapshots")) as { spec: Record<string, unknown> };
        const curl = 'curl -sf --cacert /etc/qdrant-ca/ca.crt -H "api-key: $QDRANT_API_KEY"';
        const url = "https://qdrant.data.svc.cluster.local:6333";
        expect(cron.spec).toEqual({
            schedule: "30 2 * * *",
            timeZone: "Etc/UTC",
            concurrencyPolicy: "Forbid",
            successfulJobsHistoryLimit: 3,
            failedJobsHistoryLimit: 3,
            jobTemplate: {
                spec: {
                    backoffLimit: 2,
                    template: {
                        metadata: { labels: { ...labels, "app.kubernetes.io/name": "qdrant-snapshots" } },
                        spec: {
                            serviceAccountName: "qdrant-snapshots",
                            restartPolicy: "OnFailure",
                            containers: [
                                {
                                    name: "snapshot",
                                    image: "amazon/aws-cli:2.17.50",
                                    env: [
                                        { name: "QDRANT_API_KEY", valueFrom: { secretKeyRef: { name: "qdrant-api-key", key: "api-key" } } },
                                        { name: "BUCKET", value: "snapshots" },
                                    ],
                                    command: ["/bin/sh", "-ec"],
                                    args: [
                                        `SNAP=$(${curl} -X POST ${url}/snapshots | sed -n 's/.*"name":"\\([^"]*\\)".*/\\1/p')\n` +
                                            `${curl} -o /tmp/$SNAP ${url}/snapshots/$SNAP\n` +
                                            "aws s3 cp /tmp/$SNAP s3://$BUCKET/qdrant/$SNAP\n" +
                                            `${curl} -X DELETE ${url}/snapshots/$SNAP`,
                                    ],
                                    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
                                    volumeMounts: [{ name: "qdrant-ca", mountPath: "/etc/qdrant-ca", readOnly: true }],
                                },
                            ],
                            volumes: [{ name: "qdrant-ca", secret: { secretName: "qdrant-tls", items: [{ key: "ca.crt", path: "ca.crt" }] } }],
                        },
                    },
                },
            },
        });
        const policy = JSON.parse(inputsOf(named(session, "aws:iam/rolePolicy:RolePolicy", "qdrant-snapshots")).policy as string);
        expect(policy.Statement).toEqual([
            { Effect: "Allow", Action: ["s3:PutObject"], Resource: "arn:aws:s3:::snapshots/qdrant/*" },
            { Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Encrypt", "kms:Decrypt"], Resource: "arn:key" },
        ]);
    });

    it("creates the collections over verified TLS", () => {
        const job = inputsOf(named(session, "kubernetes:batch/v1:Job", "qdrant-collections")) as { spec: { template: { spec: { containers: { args: string[]; volumeMounts: unknown }[]; volumes: unknown } } } };
        const pod = job.spec.template.spec;
        const curl = 'curl -sf --cacert /etc/qdrant-ca/ca.crt -H "api-key: $QDRANT_API_KEY"';
        expect(pod.containers[0].args).toEqual([
            `${curl} -X PUT -H "Content-Type: application/json" https://qdrant.data.svc.cluster.local:6333/collections/documents -d '{"vectors":{"size":1536,"distance":"Cosine"}}' || ${curl} https://qdrant.data.svc.cluster.local:6333/collections/documents`,
        ]);
        expect(pod.containers[0].volumeMounts).toEqual([{ name: "qdrant-ca", mountPath: "/etc/qdrant-ca", readOnly: true }]);
        expect(pod.volumes).toEqual([{ name: "qdrant-ca", secret: { secretName: "qdrant-tls", items: [{ key: "ca.crt", path: "ca.crt" }] } }]);
        expect(ofType(session, "kubernetes:batch/v1:Job").map((resource) => resource.name)).toEqual(["qdrant-collections"]);
    });
});

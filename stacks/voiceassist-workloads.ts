// VoiceAssist's own workloads on Kubernetes (API gateway, worker, migrations), with resource
// limits, restart policies, probes and non-root containers (Pod Security "restricted") on each, a
// policy allowing exactly the traffic each needs, and the alert rules and dashboards that watch them.
// The API gateway is reached from the VPC through an internal Network Load Balancer (TLS 1.3 with
// the domain's ACM certificate) that re-encrypts to the pods, which serve TLS themselves.
import * as pulumi from "@pulumi/pulumi";
import * as k8sInputs from "@pulumi/kubernetes/types/input";
import { CustomResource } from "@pulumi/kubernetes/apiextensions/customResource";
import { Deployment } from "@pulumi/kubernetes/apps/v1/deployment";
import { Job } from "@pulumi/kubernetes/batch/v1/job";
import { ConfigMap } from "@pulumi/kubernetes/core/v1/configMap";
import { Secret } from "@pulumi/kubernetes/core/v1/secret";
import { Service } from "@pulumi/kubernetes/core/v1/service";
import { NetworkPolicy } from "@pulumi/kubernetes/networking/v1/networkPolicy";
import { TLS13_POLICY } from "../components/edge/web-edge";
import { ServiceCertificate } from "../components/kubernetes/service-certificate";
import { AlertRule } from "../components/observability/monitoring-stack";

/** The checklist's run-time targets, as Prometheus alerts. */
export const ALERT_RULES: AlertRule[] = [
    { alert: "ApiLatencyP95High", expr: 'histogram_quantile(0.95, sum(rate(http_request_duration_seconds_bucket{job="api-gateway"}[5m])) by (le)) > 0.2', for: "5m", labels: { severity: "critical" }, annotations: { summary: "API P95 latency above 200 ms" } },
    { alert: "ApiThroughputBelowTarget", expr: 'sum(rate(http_requests_total{job="api-gateway"}[5m])) < 1000 and on() hour() >= 8 < 20', for: "30m", labels: { severity: "warning" }, annotations: { summary: "API serves fewer than 1000 req/s in business hours" } },
    { alert: "ApiErrorRateHigh", expr: 'sum(rate(http_requests_total{job="api-gateway",status=~"5.."}[5m])) / sum(rate(http_requests_total{job="api-gateway"}[5m])) > 0.01', for: "5m", labels: { severity: "critical" }, annotations: { summary: "More than 1% of API requests fail" } },
    { alert: "RedisCacheHitRateLow", expr: "sum(rate(redis_keyspace_hits_total[5m])) / (sum(rate(redis_keyspace_hits_total[5m])) + sum(rate(redis_keyspace_misses_total[5m]))) < 0.8", for: "15m", labels: { severity: "warning" }, annotations: { summary: "Cache hit rate below 80%" } },
    { alert: "RedisDown", expr: "redis_up < 1", for: "1m", labels: { severity: "critical" }, annotations: { summary: "Redis is down" } },
    { alert: "QdrantDown", expr: 'up{job="qdrant"} < 1', for: "1m", labels: { severity: "critical" }, annotations: { summary: "Qdrant is down" } },
    { alert: "PostgresReplicationLagHigh", expr: "aws_rds_replica_lag_maximum > 1", for: "1m", labels: { severity: "critical" }, annotations: { summary: "Replication lag above 1 second" } },
    { alert: "ContainerMemoryGrowing", expr: 'deriv(container_memory_working_set_bytes{namespace="voiceassist"}[1h]) > 0 and container_memory_working_set_bytes{namespace="voiceassist"} / container_spec_memory_limit_bytes{namespace="voiceassist"} > 0.9', for: "2h", labels: { severity: "warning" }, annotations: { summary: "A container's memory keeps growing (leak?)" } },
];

function dashboard(title: string, queries: string[]): Record<string, unknown> {
    return {
        title,
        uid: title.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
        schemaVersion: 39,
        panels: queries.map((expr, index) => ({ id: index + 1, type: "timeseries", title: expr.split("(")[0], gridPos: { x: (index % 2) * 12, y: Math.floor(index / 2) * 8, w: 12, h: 8 }, targets: [{ expr, refId: "A" }] })),
    };
}

/** The seven dashboards of the checklist. */
export const DASHBOARDS: Record<string, Record<string, unknown>> = {
    "api-gateway": dashboard("API gateway", ['histogram_quantile(0.95, sum(rate(http_request_duration_seconds_bucket{job="api-gateway"}[5m])) by (le))', 'sum(rate(http_requests_total{job="api-gateway"}[5m]))']),
    worker: dashboard("Worker", ['sum(celery_tasks_total{job="worker"})', 'sum(rate(celery_task_failed_total{job="worker"}[5m]))']),
    postgresql: dashboard("PostgreSQL", ["aws_rds_replica_lag_maximum", "aws_rds_database_connections_average"]),
    redis: dashboard("Redis", ["redis_memory_used_bytes", "sum(rate(redis_keyspace_hits_total[5m]))"]),
    qdrant: dashboard("Qdrant", ['up{job="qdrant"}', "qdrant_collections_vector_total"]),
    "kubernetes-cluster": dashboard("Kubernetes cluster", ["sum(kube_pod_status_phase{phase=\"Running\"})", "sum(container_memory_working_set_bytes)"]),
    "hipaa-audit": dashboard("HIPAA audit", ['sum(rate(http_requests_total{job="api-gateway",status="401"}[5m]))', 'sum(rate(http_requests_total{job="api-gateway",status="403"}[5m]))']),
};

export interface VoiceAssistWorkloadsArgs {
    readonly namespace: pulumi.Input<string>;
    readonly domain: string;
    readonly region: string;
    /** The VPC's block: the only clients of the API gateway's load balancer (the application host). */
    readonly vpcCidr: string;
    /** ACM certificate for `domain` (validated) that the API gateway's internal load balancer serves. */
    readonly certificateArn: pulumi.Input<string>;
    /** api-gateway and worker repositories. */
    readonly imageRepositories: pulumi.Input<string>[];
    readonly imageTag: string;
    readonly secrets: Record<string, pulumi.Input<string>>;
    /** Keys people hold, synced from a Secrets Manager secret into the `voiceassist-external` Secret. */
    readonly externalSecret: { readonly storeName: pulumi.Input<string>; readonly secretName: pulumi.Input<string>; readonly keys: string[] };
    readonly redisHost: pulumi.Input<string>;
    readonly qdrantUrl: pulumi.Input<string>;
    /** The CAs that sign Qdrant's and Redis's certificates (PEM), mounted for the app to verify QDRANT_URL and REDIS_URL. */
    readonly qdrantCaCertPem: pulumi.Input<string>;
    readonly redisCaCertPem: pulumi.Input<string>;
    /** The application's database, role and grants: the migrations wait for them. */
    readonly database: pulumi.Resource;
    /** The release installing the ServiceMonitor/PodMonitor CRDs (kube-prometheus-stack): the monitors wait for it. */
    readonly monitoringCrds: pulumi.Resource;
    readonly labels: Record<string, string>;
}

/** Where the containers find the CAs of the data stores (QDRANT_CA_CERT, REDIS_CA_CERT and REDIS_URL's ssl_ca_certs). */
const CA_DIR = "/etc/voiceassist/ca";
export const QDRANT_CA_PATH = `${CA_DIR}/qdrant.crt`;
export const REDIS_CA_PATH = `${CA_DIR}/redis.crt`;
/** Where the API gateway finds its own key and certificate (the ServiceCertificate's Secret). */
const API_TLS_DIR = "/etc/voiceassist/tls";
const API_PORT = 8000;
const APP_USER_ID = 10001;

/**
 * Annotations of the API gateway's Service for the EKS cloud provider (no AWS Load Balancer
 * Controller): an internal NLB with a TLS 1.3-only listener on 443 (the ACM certificate) that
 * forwards over TLS again ("ssl" backend) and health-checks /health over HTTPS. Pulumi waits for
 * the NLB's name only: on the first deploy the pods wait for the OpenAI key (see below), and the
 * default await (ready endpoints) would time out before operators can add it.
 */
export function apiLoadBalancerAnnotations(certificateArn: pulumi.Input<string>): Record<string, pulumi.Input<string>> {
    return {
        "service.beta.kubernetes.io/aws-load-balancer-type": "nlb",
        "service.beta.kubernetes.io/aws-load-balancer-internal": "true",
        "service.beta.kubernetes.io/aws-load-balancer-ssl-cert": certificateArn,
        "service.beta.kubernetes.io/aws-load-balancer-ssl-ports": "443",
        "service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy": TLS13_POLICY,
        "service.beta.kubernetes.io/aws-load-balancer-backend-protocol": "ssl",
        "service.beta.kubernetes.io/aws-load-balancer-healthcheck-protocol": "HTTPS",
        "service.beta.kubernetes.io/aws-load-balancer-healthcheck-path": "/health",
        "pulumi.com/waitFor": "jsonpath={.status.loadBalancer.ingress[0].hostname}",
    };
}

export class VoiceAssistWorkloads extends pulumi.ComponentResource {
    /** Host name of the API gateway's internal load balancer (known once the cloud provider created it). */
    readonly apiEndpoint: pulumi.Output<string>;

    constructor(name: string, args: VoiceAssistWorkloadsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("readiness:workloads:VoiceAssist", name, {}, opts);
        const parent = { parent: this };
        const labels = args.labels;
        const config = new ConfigMap(
            `${name}-config`,
            {
                metadata: { name: "voiceassist-config", namespace: args.namespace, labels },
                data: {
                    DOMAIN: args.domain,
                    ENVIRONMENT: "production",
                    LOG_LEVEL: "INFO",
                    DB_POOL_SIZE: "20",
                    DB_MAX_OVERFLOW: "10",
                    DB_POOL_TIMEOUT: "30",
                    REDIS_HOST: args.redisHost,
                    REDIS_PORT: "6379",
                    REDIS_CACHE_TTL: "3600",
                    REDIS_MAX_CONNECTIONS: "50",
                    QDRANT_URL: args.qdrantUrl,
                    QDRANT_CA_CERT: QDRANT_CA_PATH,
                    REDIS_CA_CERT: REDIS_CA_PATH,
                    SMTP_HOST: `email-smtp.${args.region}.amazonaws.com`,
                    SMTP_PORT: "587",
                    ACCESS_TOKEN_EXPIRE_MINUTES: "30",
                    REFRESH_TOKEN_EXPIRE_DAYS: "7",
                    OTEL_EXPORTER_OTLP_ENDPOINT: "http://otel-collector-opentelemetry-collector.monitoring.svc:4317",
                    OTEL_SERVICE_NAME: "voiceassist",
                },
            },
            parent,
        );
        const secret = new Secret(`${name}-secrets`, { metadata: { name: "voiceassist-secrets", namespace: args.namespace, labels }, type: "Opaque", stringData: args.secrets }, parent);
        const external = new CustomResource(
            `${name}-external`,
            {
                apiVersion: "external-secrets.io/v1beta1",
                kind: "ExternalSecret",
                metadata: { name: "voiceassist-external", namespace: args.namespace, labels },
                spec: {
                    refreshInterval: "1h",
                    secretStoreRef: { name: args.externalSecret.storeName, kind: "ClusterSecretStore" },
                    target: { name: "voiceassist-external", creationPolicy: "Owner" },
                    data: args.externalSecret.keys.map((key) => ({ secretKey: key, remoteRef: { key: args.externalSecret.secretName, property: key } })),
                },
            },
            parent,
        );
        // CA certificates are public: a ConfigMap.
        const authorities = new ConfigMap(`${name}-ca`, { metadata: { name: "voiceassist-ca", namespace: args.namespace, labels }, data: { "qdrant.crt": args.qdrantCaCertPem, "redis.crt": args.redisCaCertPem } }, parent);
        const volumes = [{ name: "tmp", emptyDir: {} }, { name: "ca", configMap: { name: authorities.metadata.name } }];
        const volumeMounts = [{ name: "tmp", mountPath: "/tmp" }, { name: "ca", mountPath: CA_DIR, readOnly: true }];
        const ownEnv = [{ configMapRef: { name: config.metadata.name } }, { secretRef: { name: secret.metadata.name } }];
        // The OpenAI key is required (optional: false): the app must not serve without it. Until
        // operators fill the Secrets Manager entry, the pods wait in CreateContainerConfigError
        // and start by themselves once External Secrets has synced it.
        const env = [...ownEnv, { secretRef: { name: "voiceassist-external", optional: false } }];
        const podSecurityContext = { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } };
        const securityContext = { runAsNonRoot: true, runAsUser: 10001, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } };
        const image = (index: number) => pulumi.interpolate`${args.imageRepositories[index]}:${args.imageTag}`;

        const namespaceSelector = (namespace: string) => ({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": namespace } } });
        const egress = [
            { to: [{ ...namespaceSelector("data"), podSelector: { matchLabels: { "app.kubernetes.io/name": "redis" } } }], ports: [{ port: 6379, protocol: "TCP" }] },
            { to: [{ ...namespaceSelector("data"), podSelector: { matchLabels: { "app.kubernetes.io/name": "qdrant" } } }], ports: [{ port: 6333, protocol: "TCP" }] },
            { to: [{ ipBlock: { cidr: args.vpcCidr } }], ports: [{ port: 5432, protocol: "TCP" }] },
            { to: [namespaceSelector("monitoring")], ports: [{ port: 4317, protocol: "TCP" }] },
            // OpenAI and SES, over HTTPS and SMTP with STARTTLS, outside the VPC.
            { to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8"] } }], ports: [{ port: 443, protocol: "TCP" }, { port: 587, protocol: "TCP" }] },
        ];
        const policies = [
            new NetworkPolicy(
                `${name}-api-gateway`,
                {
                    metadata: { name: "api-gateway", namespace: args.namespace, labels },
                    spec: {
                        podSelector: { matchLabels: { "app.kubernetes.io/name": "api-gateway" } },
                        policyTypes: ["Ingress", "Egress"],
                        // The VPC block: the internal NLB's connections arrive from the nodes (instance targets, kube-proxy).
                        ingress: [{ from: [{ ipBlock: { cidr: args.vpcCidr } }, namespaceSelector("monitoring")], ports: [{ port: API_PORT, protocol: "TCP" }] }],
                        egress,
                    },
                },
                parent,
            ),
        ];
        const scrape = [{ from: [namespaceSelector("monitoring")], ports: [{ port: 9100, protocol: "TCP" }] }];
        for (const [app, ingress] of [["worker", scrape], ["db-migrate", []]] as const) {
            policies.push(new NetworkPolicy(`${name}-${app}`, { metadata: { name: app, namespace: args.namespace, labels }, spec: { podSelector: { matchLabels: { "app.kubernetes.io/name": app } }, policyTypes: ["Ingress", "Egress"], ingress: [...ingress], egress } }, parent));
        }

        // Migrations need no OpenAI key: the Job (awaited by Pulumi) runs on the first deploy.
        const migrate = new Job(
            `${name}-db-migrate`,
            {
                metadata: { name: "db-migrate", namespace: args.namespace, labels },
                spec: {
                    backoffLimit: 2,
                    template: {
                        metadata: { labels: { ...labels, "app.kubernetes.io/name": "db-migrate", "app.kubernetes.io/part-of": "voiceassist" } },
                        spec: {
                            restartPolicy: "Never",
                            securityContext: podSecurityContext,
                            containers: [{ name: "migrate", image: image(0), command: ["alembic", "upgrade", "head"], envFrom: ownEnv, securityContext, resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } }, volumeMounts }],
                            volumes,
                        },
                    },
                },
            },
            // Its pods reach the database only once their NetworkPolicy exists.
            { ...parent, dependsOn: [config, secret, args.database, ...policies] },
        );

        // The API gateway serves TLS itself, so that the load balancer's traffic (and Prometheus's scrapes)
        // cross the nodes encrypted; the load balancer does not verify it, Prometheus does with the CA.
        const apiTls = new ServiceCertificate(`${name}-api-gateway-tls`, { namespace: args.namespace, services: ["api-gateway"], secretName: "api-gateway-tls", labels }, parent);
        const apiTlsFiles = {
            // Group-readable by the app's user only (fsGroup), not by every user of the container.
            volumes: [{ name: "tls", secret: { secretName: apiTls.secretName, defaultMode: 0o440 } }],
            volumeMounts: [{ name: "tls", mountPath: API_TLS_DIR, readOnly: true }],
            podSecurityContext: { fsGroup: APP_USER_ID },
            // uvicorn reads its certificate at start: a renewed one rolls the pods.
            podAnnotations: { "readiness/tls-certificate-sha256": apiTls.fingerprint },
        };
        const deployment = (
            app: string,
            index: number,
            command: string[],
            probes: Record<string, unknown>,
            ports: { name: string; containerPort: number }[],
            extra: {
                volumes: k8sInputs.core.v1.Volume[];
                volumeMounts: k8sInputs.core.v1.VolumeMount[];
                podSecurityContext: k8sInputs.core.v1.PodSecurityContext;
                podAnnotations?: Record<string, pulumi.Input<string>>;
            } = { volumes: [], volumeMounts: [], podSecurityContext: {} },
        ) =>
            new Deployment(
                `${name}-${app}`,
                {
                    metadata: {
                        name: app,
                        namespace: args.namespace,
                        labels: { ...labels, "app.kubernetes.io/name": app, "app.kubernetes.io/part-of": "voiceassist" },
                        // Not awaited: on the first deploy the pods wait for the OpenAI key, which operators add after
                        // this update created its secret. Rollouts are watched by the KubeDeploymentReplicasMismatch and
                        // KubeDeploymentRolloutStuck alerts instead.
                        annotations: { "pulumi.com/skipAwait": "true" },
                    },
                    spec: {
                        replicas: 2,
                        selector: { matchLabels: { "app.kubernetes.io/name": app } },
                        template: {
                            metadata: { labels: { ...labels, "app.kubernetes.io/name": app, "app.kubernetes.io/part-of": "voiceassist" }, ...(extra.podAnnotations ? { annotations: extra.podAnnotations } : {}) },
                            spec: {
                                restartPolicy: "Always",
                                securityContext: { ...podSecurityContext, ...extra.podSecurityContext },
                                containers: [
                                    {
                                        name: app,
                                        image: image(index),
                                        command,
                                        ports,
                                        envFrom: env,
                                        securityContext,
                                        resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "2", memory: "2Gi" } },
                                        volumeMounts: [...volumeMounts, ...extra.volumeMounts],
                                        ...probes,
                                    },
                                ],
                                volumes: [...volumes, ...extra.volumes],
                            },
                        },
                    },
                },
                // The new version runs once its migrations have.
                { ...parent, dependsOn: [external, migrate, apiTls, ...policies] },
            );
        const httpProbe = { httpGet: { path: "/health", port: API_PORT, scheme: "HTTPS" }, periodSeconds: 10, failureThreshold: 3 };
        deployment(
            "api-gateway",
            0,
            ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", String(API_PORT), "--ssl-keyfile", `${API_TLS_DIR}/tls.key`, "--ssl-certfile", `${API_TLS_DIR}/tls.crt`],
            { readinessProbe: httpProbe, livenessProbe: httpProbe },
            [{ name: "https", containerPort: API_PORT }],
            apiTlsFiles,
        );
        const workerProbe = { exec: { command: ["celery", "-A", "app.worker", "inspect", "ping"] }, periodSeconds: 30, timeoutSeconds: 10 };
        deployment("worker", 1, ["celery", "-A", "app.worker", "worker"], { readinessProbe: workerProbe, livenessProbe: workerProbe }, [{ name: "metrics", containerPort: 9100 }]);
        // One Service for both kinds of clients: type LoadBalancer keeps the cluster IP and endpoints that
        // in-cluster clients use (only Prometheus, through the ServiceMonitor below: nothing else in the
        // cluster calls the API), and adds the internal NLB the application host's nginx proxies to. The
        // NLB reaches the pods through the nodes (instance targets), which the api-gateway NetworkPolicy
        // admits (the VPC block on the pod port); only the VPC may connect to it.
        const service = new Service(
            `${name}-api-gateway`,
            {
                metadata: { name: "api-gateway", namespace: args.namespace, labels: { ...labels, "app.kubernetes.io/name": "api-gateway" }, annotations: apiLoadBalancerAnnotations(args.certificateArn) },
                spec: {
                    type: "LoadBalancer",
                    selector: { "app.kubernetes.io/name": "api-gateway" },
                    ports: [{ name: "https", port: 443, targetPort: API_PORT, protocol: "TCP" }],
                    loadBalancerSourceRanges: [args.vpcCidr],
                },
            },
            parent,
        );
        this.apiEndpoint = service.status.apply((status) => status.loadBalancer.ingress[0].hostname);
        new CustomResource(
            `${name}-api-gateway-monitor`,
            {
                apiVersion: "monitoring.coreos.com/v1",
                kind: "ServiceMonitor",
                metadata: { name: "api-gateway", namespace: args.namespace, labels },
                spec: {
                    selector: { matchLabels: { "app.kubernetes.io/name": "api-gateway" } },
                    endpoints: [
                        {
                            port: "https",
                            scheme: "https",
                            path: "/metrics",
                            interval: "30s",
                            tlsConfig: { ca: { secret: { name: apiTls.secretName, key: "ca.crt" } }, serverName: pulumi.interpolate`api-gateway.${args.namespace}.svc` },
                        },
                    ],
                },
            },
            { ...parent, dependsOn: [args.monitoringCrds] },
        );
        new CustomResource(
            `${name}-worker-monitor`,
            {
                apiVersion: "monitoring.coreos.com/v1",
                kind: "PodMonitor",
                metadata: { name: "worker", namespace: args.namespace, labels },
                spec: { selector: { matchLabels: { "app.kubernetes.io/name": "worker" } }, podMetricsEndpoints: [{ port: "metrics", path: "/metrics", interval: "30s" }] },
            },
            { ...parent, dependsOn: [args.monitoringCrds] },
        );
        this.registerOutputs({ apiEndpoint: this.apiEndpoint });
    }
}

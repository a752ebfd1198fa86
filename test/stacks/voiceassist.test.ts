// The VoiceAssist blueprint as the engine receives it: the exact inputs of the resources the
// blueprint itself wires (security group rules, DNS, log groups, alarms, images, backups) and of
// the application's Kubernetes objects (namespaces, workloads, their network paths).
import * as YAML from "yaml";
import { createHash } from "crypto";
import { RecordedResource, RecordingSession, plain } from "../../gate/program";
import { ConfigReader, mapConfigSource } from "../../stacks/config";
import { VoiceAssist } from "../../stacks/voiceassist";
import { VoiceAssistConfig, readVoiceAssistConfig } from "../../stacks/voiceassist-config";
import { inputsOf, named, ofType, recordingMocks } from "../helpers/mocks";

let session: RecordingSession;
const tags = { "readiness:blueprint": "voiceassist" };
const labels = { "readiness/blueprint": "voiceassist" };
const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKitExampleDeployKeyNotReal0000000000000 deploy@example.com";

const resource = (type: string, name: string) => named(session, type, name);
const inputs = (type: string, name: string) => inputsOf(resource(type, name));
const idOf = (type: string, name: string) => resource(type, name).id;
const arnOf = (type: string, name: string) => (resource(type, name).properties as Record<string, unknown>).arn;
const dependsOn = (dependent: RecordedResource, ...dependencies: RecordedResource[]) => expect(dependent.dependencies).toEqual(expect.arrayContaining(dependencies.map((dependency) => dependency.urn)));
const inNamespace = (namespace: string) => ({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": namespace } } });

beforeAll(async () => {
    session = await recordingMocks();
    const reader = new ConfigReader(
        mapConfigSource("readiness-kit", { voiceassistDomain: "voiceassist.example.com", voiceassistAlertEmail: "ops@example.com", voiceassistAdminCidrs: ["192.0.2.0/24"], voiceassistAdminSshKeys: [SSH_KEY] }),
    );
    const config: VoiceAssistConfig = readVoiceAssistConfig(reader);
    expect(reader.problems).toEqual([]);
    new VoiceAssist("voiceassist", config);
    await session.settle();
});

describe("the VoiceAssist blueprint's network paths", () => {
    it("lets the load balancer reach nginx on 443 only, and SSH from the admin networks", () => {
        expect(inputs(INGRESS_RULE, "voiceassist-host-web")).toEqual({
            securityGroupId: idOf("aws:ec2/securityGroup:SecurityGroup", "voiceassist-host-sg"),
            referencedSecurityGroupId: idOf("aws:ec2/securityGroup:SecurityGroup", "voiceassist-web-lb-sg"),
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            description: "nginx (HTTPS) from the load balancer",
        });
        expect(inputs(INGRESS_RULE, "voiceassist-host-ssh")).toEqual({
            securityGroupId: idOf("aws:ec2/securityGroup:SecurityGroup", "voiceassist-host-sg"),
            cidrIpv4: "192.0.2.0/24",
            ipProtocol: "tcp",
            fromPort: 22,
            toPort: 22,
            description: "SSH from admin networks",
            tags: { ...tags, Name: "voiceassist-host-ssh" },
        });
        const hostRules = ofType(session, INGRESS_RULE).filter((rule) => inputsOf(rule).securityGroupId === idOf("aws:ec2/securityGroup:SecurityGroup", "voiceassist-host-sg"));
        expect(hostRules.map((rule) => rule.name).sort()).toEqual(["voiceassist-host-ssh", "voiceassist-host-web"]);
    });

    it("admits the cluster's nodes (the cluster security group) to the database and its proxy, not the application host (it only proxies)", () => {
        for (const [front, description] of [
            ["db", "PostgreSQL clients"],
            ["proxy", "PostgreSQL clients through the proxy"],
        ]) {
            const group = idOf("aws:ec2/securityGroup:SecurityGroup", `voiceassist-db-${front}-sg`);
            // The nodes' rule refers to the cluster security group EKS creates (vpcConfig.clusterSecurityGroupId), never to the extra control-plane group.
            const clusterGroup = (resource("aws:eks/cluster:Cluster", "voiceassist-eks-cluster").properties.vpcConfig as { clusterSecurityGroupId: string }).clusterSecurityGroupId;
            expect(clusterGroup).toMatch(/^sg-/);
            expect(inputs(INGRESS_RULE, `voiceassist-db-${front}-client-0`)).toEqual({
                securityGroupId: group,
                referencedSecurityGroupId: clusterGroup,
                ipProtocol: "tcp",
                fromPort: 5432,
                toPort: 5432,
                description,
                tags: { ...tags, Name: `voiceassist-db-${front}-client-0` },
            });
            expect(() => resource(INGRESS_RULE, `voiceassist-db-${front}-client-1`)).toThrow();
        }
        expect(ofType(session, INGRESS_RULE).filter((rule) => inputsOf(rule).referencedSecurityGroupId === idOf("aws:ec2/securityGroup:SecurityGroup", "voiceassist-host-sg"))).toEqual([]);
    });

    it("administers the database through the postgresql provider at the instance's private address by default", () => {
        expect(inputs("pulumi:providers:postgresql", "voiceassist-app-admin")).toMatchObject({ host: (resource("aws:rds/instance:Instance", "voiceassist-db-db").properties as Record<string, unknown>).address, port: "5432", sslmode: "require", superuser: "false" });
    });
});

describe("DNS, logs, alarms, images and backups", () => {
    it("serves the host's name from the zone the blueprint creates", () => {
        expect(inputs("aws:route53/zone:Zone", "voiceassist-zone")).toEqual({ name: "voiceassist.example.com", comment: "VoiceAssist", tags });
        expect(resource("aws:route53/zone:Zone", "voiceassist-zone").options.protect).toBe(true);
        expect(inputs("aws:route53/record:Record", "voiceassist-host-a")).toEqual({
            zoneId: (resource("aws:route53/zone:Zone", "voiceassist-zone").properties as Record<string, unknown>).zoneId,
            name: "app.voiceassist.example.com",
            type: "A",
            ttl: 300,
            records: [(resource("aws:ec2/eip:Eip", "voiceassist-host-ip").properties as Record<string, unknown>).publicIp],
        });
    });

    it("keeps the host's audit and nginx logs, the database's pgaudit log and the control plane's 2557 days under the customer key, protected and retained", () => {
        const key = arnOf("aws:kms/key:Key", "voiceassist-data-key");
        for (const [name, groupName] of [
            ["voiceassist-audit", "/voiceassist/audit"],
            ["voiceassist-nginx-logs", "/voiceassist/nginx"],
        ]) {
            const group = resource("aws:cloudwatch/logGroup:LogGroup", name);
            expect(inputsOf(group)).toEqual({ name: groupName, retentionInDays: 2557, kmsKeyId: key, tags: { ...tags, Name: name } });
            expect(group.options).toMatchObject({ protect: true, retainOnDelete: true });
        }
        for (const name of ["voiceassist-db-postgresql-logs", "voiceassist-db-replica-postgresql-logs", "voiceassist-eks-control-plane"]) {
            expect(inputs("aws:cloudwatch/logGroup:LogGroup", name)).toMatchObject({ retentionInDays: 2557, kmsKeyId: key });
        }
        // The host's agent may write to both groups.
        const agentPolicy = JSON.stringify(ofType(session, "aws:iam/rolePolicy:RolePolicy").filter((policy) => policy.name.startsWith("voiceassist-host")).map(inputsOf));
        expect(agentPolicy).toContain("log-group:/voiceassist/audit");
        expect(agentPolicy).toContain("log-group:/voiceassist/nginx");
    });

    it("alarms on the host, database, certificate, load balancer, audit log and backups, to the alert topic", () => {
        const topic = arnOf("aws:sns/topic:Topic", "voiceassist-alerts-topic");
        const alarms = ofType(session, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((alarm) => alarm.name.startsWith("voiceassist-alarms-"));
        expect(alarms.map((alarm) => alarm.name.replace("voiceassist-alarms-", "")).sort()).toEqual(
            ["audit-logs-silent", "backup-failures", "certificate-expiry", "cpu", "db-free-storage", "db-replica-lag", "healthy-hosts", "memory", "restore-test-failures", "status-check", "unhealthy-hosts"].sort(),
        );
        for (const alarm of alarms) {
            expect(inputsOf(alarm)).toMatchObject({ alarmActions: [topic], okActions: [topic] });
        }
        expect(inputs("aws:cloudwatch/metricAlarm:MetricAlarm", "voiceassist-alarms-audit-logs-silent")).toEqual({
            name: "voiceassist-alarms-audit-logs-silent",
            alarmDescription: "No audit record for an hour",
            namespace: "AWS/Logs",
            metricName: "IncomingLogEvents",
            dimensions: { LogGroupName: "/voiceassist/audit" },
            statistic: "Sum",
            comparisonOperator: "LessThanThreshold",
            threshold: 1,
            period: 3600,
            evaluationPeriods: 1,
            treatMissingData: "breaching",
            alarmActions: [topic],
            okActions: [topic],
            tags: { ...tags, Name: "voiceassist-alarms-audit-logs-silent" },
        });
        expect(inputs("aws:cloudwatch/metricAlarm:MetricAlarm", "voiceassist-alarms-memory")).toMatchObject({ namespace: "CWAgent", metricName: "mem_used_percent", dimensions: { InstanceId: idOf("aws:ec2/instance:Instance", "voiceassist-host-instance") }, threshold: 85 });
        expect(inputs("aws:cloudwatch/metricAlarm:MetricAlarm", "voiceassist-alarms-db-replica-lag")).toMatchObject({ namespace: "AWS/RDS", metricName: "ReplicaLag", dimensions: { DBInstanceIdentifier: "voiceassist-db-replica" }, statistic: "Maximum", threshold: 1 });
    });

    it("pushes images to immutable, scanned, KMS-encrypted repositories", () => {
        for (const image of ["api-gateway", "worker"]) {
            expect(inputs("aws:ecr/repository:Repository", `voiceassist-${image}`)).toEqual({
                name: `voiceassist/${image}`,
                imageTagMutability: "IMMUTABLE",
                imageScanningConfiguration: { scanOnPush: true },
                encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: arnOf("aws:kms/key:Key", "voiceassist-data-key") }],
                tags,
            });
        }
    });

    it("backs up the database, the host and its volume daily, plus the tagged cluster volumes, with 90-day off-site copies; RDS replicates its own backups 35 days", () => {
        expect(inputs("aws:backup/selection:Selection", "voiceassist-backup-selection").resources).toEqual([
            arnOf("aws:rds/instance:Instance", "voiceassist-db-db"),
            arnOf("aws:ec2/instance:Instance", "voiceassist-host-instance"),
            arnOf("aws:ebs/volume:Volume", "voiceassist-host-data"),
        ]);
        expect(inputs("aws:backup/selection:Selection", "voiceassist-backup-selection-tagged").selectionTags).toEqual([{ key: "readiness:backup", type: "STRINGEQUALS", value: "daily" }]);
        // The encrypted storage class tags every cluster volume for that selection.
        expect(inputs("kubernetes:storage.k8s.io/v1:StorageClass", "voiceassist-storage-class")).toMatchObject({ parameters: { tagSpecification_1: "readiness:backup=daily" }, reclaimPolicy: "Retain" });
        const rules = inputs("aws:backup/plan:Plan", "voiceassist-backup-plan").rules as { ruleName: string; schedule: string; lifecycle: { deleteAfter: number }; copyActions: { destinationVaultArn: string; lifecycle: { deleteAfter: number } }[] }[];
        const offsiteVault = arnOf("aws:backup/vault:Vault", "voiceassist-backup-offsite-vault");
        expect(rules.map((rule) => [rule.ruleName, rule.schedule, rule.lifecycle.deleteAfter, rule.copyActions])).toEqual([
            ["daily", "cron(0 2 * * ? *)", 30, [{ destinationVaultArn: offsiteVault, lifecycle: { deleteAfter: 90 } }]],
            ["weekly", "cron(0 3 ? * SUN *)", 90, [{ destinationVaultArn: offsiteVault, lifecycle: { deleteAfter: 90 } }]],
        ]);
        expect(inputs("aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication", "voiceassist-db-offsite-backups")).toEqual({
            sourceDbInstanceArn: arnOf("aws:rds/instance:Instance", "voiceassist-db-db"),
            retentionPeriod: 35,
            kmsKeyId: arnOf("aws:kms/key:Key", "voiceassist-offsite-key"),
            region: "us-west-2",
        });
    });
});

describe("secrets people hold", () => {
    it("are empty Secrets Manager entries operators fill, under the customer key, protected and retained, synced into the cluster", () => {
        const key = arnOf("aws:kms/key:Key", "voiceassist-data-key");
        for (const [resourceName, secretName, description] of [
            ["voiceassist-alert-receivers", "voiceassist/alert-receivers", "Set by operators: JSON pagerduty-routing-key, slack-webhook-url, heartbeat-url (Alertmanager's receivers, synced into the cluster)"],
            ["voiceassist-openai", "voiceassist/openai", "Set by operators: JSON OPENAI_API_KEY (synced into the cluster for the application)"],
        ]) {
            const secret = resource("aws:secretsmanager/secret:Secret", resourceName);
            expect(inputsOf(secret)).toEqual({ name: secretName, description, kmsKeyId: key, recoveryWindowInDays: 30, tags });
            expect(secret.options).toMatchObject({ protect: true, retainOnDelete: true });
            expect(ofType(session, "aws:secretsmanager/secretVersion:SecretVersion").filter((version) => (version.propertyDependencies.secretId ?? []).includes(secret.urn))).toEqual([]);
        }
    });
});

describe("the application on Kubernetes", () => {
    it("enforces Pod Security per namespace: restricted for the app, privileged only for monitoring's node agents", () => {
        const levels = Object.fromEntries(
            ["voiceassist", "data", "monitoring", "external-secrets"].map((namespace) => [namespace, (inputs("kubernetes:core/v1:Namespace", `voiceassist-${namespace}-namespace`).metadata as { labels: Record<string, string> }).labels["pod-security.kubernetes.io/enforce"]]),
        );
        expect(levels).toEqual({ voiceassist: "restricted", data: "baseline", monitoring: "privileged", "external-secrets": "baseline" });
    });

    const securityContext = { runAsNonRoot: true, runAsUser: 10001, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } };
    const podSecurityContext = { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } };
    const volumeMounts = [{ name: "tmp", mountPath: "/tmp" }, { name: "ca", mountPath: "/etc/voiceassist/ca", readOnly: true }];
    const volumes = [{ name: "tmp", emptyDir: {} }, { name: "ca", configMap: { name: "voiceassist-ca" } }];
    const ownEnv = [{ configMapRef: { name: "voiceassist-config" } }, { secretRef: { name: "voiceassist-secrets" } }];
    const registry = "123456789012.dkr.ecr.us-east-1.amazonaws.com/voiceassist";

    it("runs two replicas of the API gateway serving TLS with its own certificate, with limits, restart policy Always, HTTPS /health probes and the OpenAI key required; not awaited until operators fill it", () => {
        const appLabels = { ...labels, "app.kubernetes.io/name": "api-gateway", "app.kubernetes.io/part-of": "voiceassist" };
        const probe = { httpGet: { path: "/health", port: 8000, scheme: "HTTPS" }, periodSeconds: 10, failureThreshold: 3 };
        expect(inputs("kubernetes:apps/v1:Deployment", "voiceassist-workloads-api-gateway")).toEqual({
            apiVersion: "apps/v1",
            kind: "Deployment",
            metadata: { name: "api-gateway", namespace: "voiceassist", labels: appLabels, annotations: { "pulumi.com/skipAwait": "true" } },
            spec: {
                replicas: 2,
                selector: { matchLabels: { "app.kubernetes.io/name": "api-gateway" } },
                template: {
                    // uvicorn reads its certificate at start: the pods roll when `pulumi up` renews it.
                    metadata: { labels: appLabels, annotations: { "readiness/tls-certificate-sha256": createHash("sha256").update(String(plain(resource("tls:index/locallySignedCert:LocallySignedCert", "voiceassist-workloads-api-gateway-tls-cert").properties.certPem))).digest("hex") } },
                    spec: {
                        restartPolicy: "Always",
                        securityContext: { ...podSecurityContext, fsGroup: 10001 },
                        containers: [
                            {
                                name: "api-gateway",
                                image: `${registry}/api-gateway:1.4.0`,
                                command: ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000", "--ssl-keyfile", "/etc/voiceassist/tls/tls.key", "--ssl-certfile", "/etc/voiceassist/tls/tls.crt"],
                                ports: [{ name: "https", containerPort: 8000 }],
                                envFrom: [...ownEnv, { secretRef: { name: "voiceassist-external", optional: false } }],
                                securityContext,
                                resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "2", memory: "2Gi" } },
                                volumeMounts: [...volumeMounts, { name: "tls", mountPath: "/etc/voiceassist/tls", readOnly: true }],
                                readinessProbe: probe,
                                livenessProbe: probe,
                            },
                        ],
                        volumes: [...volumes, { name: "tls", secret: { secretName: "api-gateway-tls", defaultMode: 0o440 } }],
                    },
                },
            },
        });
        // The certificate names the Service inside the cluster (what Prometheus verifies); its Secret exists before the pods.
        expect(inputs("tls:index/certRequest:CertRequest", "voiceassist-workloads-api-gateway-tls-request").dnsNames).toEqual(["api-gateway", "api-gateway.voiceassist", "api-gateway.voiceassist.svc", "api-gateway.voiceassist.svc.cluster.local"]);
        const tlsSecret = resource("kubernetes:core/v1:Secret", "voiceassist-workloads-api-gateway-tls-secret");
        expect(inputsOf(tlsSecret)).toMatchObject({ metadata: { name: "api-gateway-tls", namespace: "voiceassist" }, type: "kubernetes.io/tls" });
        dependsOn(resource("kubernetes:apps/v1:Deployment", "voiceassist-workloads-api-gateway"), tlsSecret);
    });

    it("exposes the API gateway to the VPC only, through an internal NLB with the domain's validated ACM certificate on 443 (TLS 1.3 only), re-encrypting to the pods", () => {
        const service = resource("kubernetes:core/v1:Service", "voiceassist-workloads-api-gateway");
        expect(inputsOf(service)).toEqual({
            apiVersion: "v1",
            kind: "Service",
            metadata: {
                name: "api-gateway",
                namespace: "voiceassist",
                labels: { ...labels, "app.kubernetes.io/name": "api-gateway" },
                annotations: {
                    "service.beta.kubernetes.io/aws-load-balancer-type": "nlb",
                    "service.beta.kubernetes.io/aws-load-balancer-internal": "true",
                    "service.beta.kubernetes.io/aws-load-balancer-ssl-cert": arnOf("aws:acm/certificate:Certificate", "voiceassist-web-certificate"),
                    "service.beta.kubernetes.io/aws-load-balancer-ssl-ports": "443",
                    "service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy": "ELBSecurityPolicy-TLS13-1-3-2021-06",
                    "service.beta.kubernetes.io/aws-load-balancer-backend-protocol": "ssl",
                    "service.beta.kubernetes.io/aws-load-balancer-healthcheck-protocol": "HTTPS",
                    "service.beta.kubernetes.io/aws-load-balancer-healthcheck-path": "/health",
                    "pulumi.com/waitFor": "jsonpath={.status.loadBalancer.ingress[0].hostname}",
                },
            },
            spec: {
                type: "LoadBalancer",
                selector: { "app.kubernetes.io/name": "api-gateway" },
                ports: [{ name: "https", port: 443, targetPort: 8000, protocol: "TCP" }],
                loadBalancerSourceRanges: ["10.30.0.0/16"],
            },
        });
        // The listener gets the certificate once DNS has validated it.
        expect(service.propertyDependencies.metadata).toEqual(expect.arrayContaining([resource("aws:acm/certificateValidation:CertificateValidation", "voiceassist-web-certificate-validation").urn]));
        // The only Service of the app: Prometheus scrapes it over HTTPS, verifying the pods' certificate.
        expect(ofType(session, "kubernetes:core/v1:Service").filter((entry) => (inputsOf(entry).metadata as { namespace: string }).namespace === "voiceassist").map((entry) => entry.name)).toEqual(["voiceassist-workloads-api-gateway"]);
        expect((inputs("kubernetes:monitoring.coreos.com/v1:ServiceMonitor", "voiceassist-workloads-api-gateway-monitor").spec as Record<string, unknown>).endpoints).toEqual([
            { port: "https", scheme: "https", path: "/metrics", interval: "30s", tlsConfig: { ca: { secret: { name: "api-gateway-tls", key: "ca.crt" } }, serverName: "api-gateway.voiceassist.svc" } },
        ]);
    });

    it("points the host's nginx at the private name of the host name the Service reports, over TLS 1.3, verifying the certificate for the domain", () => {
        const hostname = ((resource("kubernetes:core/v1:Service", "voiceassist-workloads-api-gateway").properties.status as { loadBalancer: { ingress: { hostname: string }[] } }).loadBalancer.ingress[0]).hostname;
        expect(hostname).toMatch(/^internal-api-gateway-[0-9a-f]{16}\.elb\.us-east-1\.amazonaws\.com$/);
        const zone = resource("aws:route53/zone:Zone", "voiceassist-internal");
        expect(inputsOf(zone)).toEqual({ name: "voiceassist.internal", comment: "VoiceAssist names inside the VPC", vpcs: [{ vpcId: idOf("aws:ec2/vpc:Vpc", "voiceassist-vpc") }], tags });
        expect(inputs("aws:route53/record:Record", "voiceassist-api-internal")).toEqual({ zoneId: (zone.properties as { zoneId: string }).zoneId, name: "api.voiceassist.internal", type: "CNAME", ttl: 60, records: [hostname] });
        const userData = Buffer.from(inputs("aws:ec2/launchTemplate:LaunchTemplate", "voiceassist-host-template").userData as string, "base64").toString();
        const site = (YAML.parse(userData).write_files as { path: string; content: string }[]).find((file) => file.path === "/etc/nginx/conf.d/voiceassist.conf")!.content;
        expect(site).toContain(`        proxy_pass https://api.voiceassist.internal;\n        proxy_ssl_server_name on;\n        proxy_ssl_name voiceassist.example.com;\n        proxy_ssl_verify on;\n`);
        expect(site).toContain("        proxy_ssl_protocols TLSv1.3;\n");
        expect(site).not.toContain("127.0.0.1");
        // The name comes from the private record, so the host boots once the record exists.
        expect(resource("aws:ec2/launchTemplate:LaunchTemplate", "voiceassist-host-template").propertyDependencies.userData).toContain(resource("aws:route53/record:Record", "voiceassist-api-internal").urn);
        // The host keeps no .env and may read no secret of the application.
        expect(userData).not.toContain("secretsmanager");
        expect(ofType(session, "aws:iam/rolePolicy:RolePolicy").map((policy) => policy.name).filter((name) => name.startsWith("voiceassist-host"))).toEqual(["voiceassist-host-cloudwatch-agent"]);
        // The public load balancer still forwards to the host's nginx.
        expect(inputs("aws:lb/targetGroupAttachment:TargetGroupAttachment", "voiceassist-web-app")).toEqual({ targetGroupArn: arnOf("aws:lb/targetGroup:TargetGroup", "voiceassist-web-targets"), targetId: idOf("aws:ec2/instance:Instance", "voiceassist-host-instance"), port: 443 });
        expect(resource("aws:lb/targetGroupAttachment:TargetGroupAttachment", "voiceassist-web-app").parent).toBe(resource("readiness:edge:WebEdge", "voiceassist-web").urn);
    });

    it("runs two worker replicas the same way, probed with celery ping", () => {
        const worker = inputs("kubernetes:apps/v1:Deployment", "voiceassist-workloads-worker") as { metadata: Record<string, unknown>; spec: { replicas: number; template: { spec: { restartPolicy: string; containers: Record<string, unknown>[] } } } };
        const probe = { exec: { command: ["celery", "-A", "app.worker", "inspect", "ping"] }, periodSeconds: 30, timeoutSeconds: 10 };
        expect(worker.metadata.annotations).toEqual({ "pulumi.com/skipAwait": "true" });
        expect(worker.spec.replicas).toBe(2);
        expect(worker.spec.template.spec.restartPolicy).toBe("Always");
        expect(worker.spec.template.spec.containers[0]).toMatchObject({ image: `${registry}/worker:1.4.0`, resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "2", memory: "2Gi" } }, readinessProbe: probe, livenessProbe: probe, volumeMounts });
    });

    it("migrates the database in an awaited Job that needs no OpenAI key, after the database, role and grants and its network policy; the Deployments roll out after it", () => {
        const migrate = resource("kubernetes:batch/v1:Job", "voiceassist-workloads-db-migrate");
        expect(inputsOf(migrate)).toEqual({
            apiVersion: "batch/v1",
            kind: "Job",
            metadata: { name: "db-migrate", namespace: "voiceassist", labels },
            spec: {
                backoffLimit: 2,
                template: {
                    metadata: { labels: { ...labels, "app.kubernetes.io/name": "db-migrate", "app.kubernetes.io/part-of": "voiceassist" } },
                    spec: {
                        restartPolicy: "Never",
                        securityContext: podSecurityContext,
                        containers: [
                            {
                                name: "migrate",
                                image: `${registry}/api-gateway:1.4.0`,
                                command: ["alembic", "upgrade", "head"],
                                envFrom: ownEnv,
                                securityContext,
                                resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
                                volumeMounts,
                            },
                        ],
                        volumes,
                    },
                },
            },
        });
        dependsOn(
            migrate,
            resource("postgresql:index/database:Database", "voiceassist-app-database"),
            resource("postgresql:index/role:Role", "voiceassist-app-role"),
            resource("postgresql:index/grant:Grant", "voiceassist-app-schema"),
            resource("postgresql:index/grant:Grant", "voiceassist-app-tables"),
            resource(POLICY, "voiceassist-workloads-db-migrate"),
        );
        for (const app of ["api-gateway", "worker"]) {
            dependsOn(resource("kubernetes:apps/v1:Deployment", `voiceassist-workloads-${app}`), migrate, resource("kubernetes:external-secrets.io/v1beta1:ExternalSecret", "voiceassist-workloads-external"));
        }
        expect(migrate.options).toMatchObject({ protect: false });
        expect((inputsOf(migrate).metadata as Record<string, unknown>).annotations).toBeUndefined();
    });

    it("verifies Qdrant and Redis with their CAs and reaches the data stores over TLS", () => {
        expect(inputs("kubernetes:core/v1:ConfigMap", "voiceassist-workloads-ca")).toEqual({
            apiVersion: "v1",
            kind: "ConfigMap",
            metadata: { name: "voiceassist-ca", namespace: "voiceassist", labels },
            data: {
                "qdrant.crt": "-----BEGIN CERTIFICATE-----\nmock-voiceassist-qdrant-tls-ca\n-----END CERTIFICATE-----\n",
                "redis.crt": "-----BEGIN CERTIFICATE-----\nmock-voiceassist-redis-tls-ca\n-----END CERTIFICATE-----\n",
            },
        });
        expect(inputs("kubernetes:core/v1:ConfigMap", "voiceassist-workloads-config").data).toMatchObject({
            QDRANT_URL: "https://voiceassist-qdrant.data.svc.cluster.local:6333",
            QDRANT_CA_CERT: "/etc/voiceassist/ca/qdrant.crt",
            REDIS_HOST: "voiceassist-redis-master.data.svc.cluster.local",
            REDIS_PORT: "6379",
            REDIS_CA_CERT: "/etc/voiceassist/ca/redis.crt",
        });
        const secrets = inputs("kubernetes:core/v1:Secret", "voiceassist-workloads-secrets").stringData as Record<string, string>;
        expect(secrets.REDIS_URL).toBe(`rediss://:${secrets.REDIS_PASSWORD}@voiceassist-redis-master.data.svc.cluster.local:6379/0?ssl_cert_reqs=required&ssl_ca_certs=/etc/voiceassist/ca/redis.crt`);
        expect(inputs("kubernetes:external-secrets.io/v1beta1:ExternalSecret", "voiceassist-workloads-external").spec).toEqual({
            refreshInterval: "1h",
            secretStoreRef: { name: "aws-secrets-manager", kind: "ClusterSecretStore" },
            target: { name: "voiceassist-external", creationPolicy: "Owner" },
            data: [{ secretKey: "OPENAI_API_KEY", remoteRef: { key: "voiceassist/openai", property: "OPENAI_API_KEY" } }],
        });
    });

    it("allows the app exactly its dependencies: Redis, Qdrant, PostgreSQL in the VPC, the OTel collector, and HTTPS/SMTP outside; the API gateway admits the VPC (the NLB, through the nodes) and Prometheus", () => {
        const egress = [
            { to: [{ ...inNamespace("data"), podSelector: { matchLabels: { "app.kubernetes.io/name": "redis" } } }], ports: [{ port: 6379, protocol: "TCP" }] },
            { to: [{ ...inNamespace("data"), podSelector: { matchLabels: { "app.kubernetes.io/name": "qdrant" } } }], ports: [{ port: 6333, protocol: "TCP" }] },
            { to: [{ ipBlock: { cidr: "10.30.0.0/16" } }], ports: [{ port: 5432, protocol: "TCP" }] },
            { to: [inNamespace("monitoring")], ports: [{ port: 4317, protocol: "TCP" }] },
            { to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8"] } }], ports: [{ port: 443, protocol: "TCP" }, { port: 587, protocol: "TCP" }] },
        ];
        const spec = (name: string) => inputs(POLICY, `voiceassist-workloads-${name}`).spec;
        expect(spec("api-gateway")).toEqual({
            podSelector: { matchLabels: { "app.kubernetes.io/name": "api-gateway" } },
            policyTypes: ["Ingress", "Egress"],
            ingress: [{ from: [{ ipBlock: { cidr: "10.30.0.0/16" } }, inNamespace("monitoring")], ports: [{ port: 8000, protocol: "TCP" }] }],
            egress,
        });
        expect(spec("worker")).toEqual({ podSelector: { matchLabels: { "app.kubernetes.io/name": "worker" } }, policyTypes: ["Ingress", "Egress"], ingress: [{ from: [inNamespace("monitoring")], ports: [{ port: 9100, protocol: "TCP" }] }], egress });
        expect(spec("db-migrate")).toEqual({ podSelector: { matchLabels: { "app.kubernetes.io/name": "db-migrate" } }, policyTypes: ["Ingress", "Egress"], ingress: [], egress });
    });

    it("opens every other flow the blueprint needs across its namespaces, and nothing to all pods", () => {
        const redisPods = { matchLabels: { "app.kubernetes.io/name": "redis", "app.kubernetes.io/instance": "voiceassist-redis" } };
        expect(inputs(POLICY, "voiceassist-redis-ingress").spec).toEqual({
            podSelector: redisPods,
            policyTypes: ["Ingress"],
            ingress: [
                { from: [inNamespace("voiceassist")], ports: [{ port: 6379, protocol: "TCP" }] },
                { from: [{ podSelector: redisPods }], ports: [{ port: 6379, protocol: "TCP" }] },
                { from: [inNamespace("monitoring")], ports: [{ port: 9121, protocol: "TCP" }] },
            ],
        });
        expect(inputs(POLICY, "voiceassist-redis-egress").spec).toEqual({ podSelector: redisPods, policyTypes: ["Egress"], egress: [{ to: [{ podSelector: redisPods }], ports: [{ port: 6379, protocol: "TCP" }] }] });
        expect((inputs(POLICY, "voiceassist-qdrant-ingress").spec as { ingress: { from: unknown[] }[] }).ingress[0].from).toEqual([inNamespace("voiceassist"), inNamespace("monitoring")]);
        expect(inputs(POLICY, "voiceassist-qdrant-snapshots-egress").spec).toMatchObject({ podSelector: { matchLabels: { "app.kubernetes.io/name": "voiceassist-qdrant-snapshots" } }, egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ port: 443, protocol: "TCP" }] }] });
        // The control plane (in the VPC) calls the External Secrets and Prometheus operator webhooks; Prometheus scrapes the nodes there.
        expect((inputs(POLICY, "voiceassist-secret-sync-webhook").spec as { ingress: unknown[] }).ingress).toEqual([{ from: [{ ipBlock: { cidr: "10.30.0.0/16" } }], ports: [{ port: 10250, protocol: "TCP" }] }]);
        expect((inputs(POLICY, "voiceassist-monitoring-operator-webhook").spec as { ingress: unknown[] }).ingress).toEqual([{ from: [{ ipBlock: { cidr: "10.30.0.0/16" } }], ports: [{ port: 10250, protocol: "TCP" }] }]);
        expect((inputs(POLICY, "voiceassist-monitoring-scrape").spec as { egress: unknown[] }).egress[1]).toEqual({ to: [{ ipBlock: { cidr: "10.30.0.0/16" } }], ports: [{ port: 10250, protocol: "TCP" }, { port: 9100, protocol: "TCP" }, { port: 10249, protocol: "TCP" }] });
        // Every namespace denies by default and allows DNS.
        for (const namespace of ["voiceassist", "data", "monitoring", "external-secrets"]) {
            expect(inputs(POLICY, `voiceassist-${namespace}-default-deny`).spec).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
            expect(inputs(POLICY, `voiceassist-${namespace}-allow-dns`).spec).toMatchObject({ policyTypes: ["Egress"] });
        }
        // No ingress rule without a `from` (which would admit every source).
        for (const policy of ofType(session, POLICY)) {
            for (const rule of ((inputsOf(policy).spec as { ingress?: { from?: unknown[] }[] }).ingress ?? [])) {
                expect([policy.name, (rule.from ?? []).length > 0]).toEqual([policy.name, true]);
            }
        }
    });

    it("installs the data stores and the app's monitors after the monitoring release that brings the ServiceMonitor CRD", () => {
        const prometheus = resource(RELEASE, "voiceassist-monitoring-prometheus");
        dependsOn(resource(RELEASE, "voiceassist-redis-release"), prometheus);
        dependsOn(resource("kubernetes:monitoring.coreos.com/v1:ServiceMonitor", "voiceassist-qdrant-metrics"), prometheus);
        dependsOn(resource("kubernetes:monitoring.coreos.com/v1:ServiceMonitor", "voiceassist-workloads-api-gateway-monitor"), prometheus);
        dependsOn(resource("kubernetes:monitoring.coreos.com/v1:PodMonitor", "voiceassist-workloads-worker-monitor"), prometheus);
        for (const release of ["voiceassist-redis-release", "voiceassist-qdrant-release", "voiceassist-monitoring-prometheus", "voiceassist-monitoring-loki"]) {
            expect(resource(RELEASE, release).options).toMatchObject({ protect: true, retainOnDelete: true });
        }
    });
});

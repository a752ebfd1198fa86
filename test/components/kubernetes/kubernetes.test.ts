import { EksCluster } from "../../../components/kubernetes/eks-cluster";
import { EncryptedStorageClass } from "../../../components/kubernetes/encrypted-storage-class";
import { SecretSync } from "../../../components/kubernetes/secret-sync";
import { SecureNamespace } from "../../../components/kubernetes/secure-namespace";
import { ServiceCertificate, serviceDnsNames } from "../../../components/kubernetes/service-certificate";
import { RecordingSession } from "../../../gate/program";
import { inputsOf, isSecretInput, named, ofType, outputOf, recordingMocks } from "../../helpers/mocks";

let session: RecordingSession;
let cluster: EksCluster;
let certificate: ServiceCertificate;
const tags = { "readiness:blueprint": "voiceassist" };
const labels = { "readiness/blueprint": "voiceassist" };

beforeAll(async () => {
    session = await recordingMocks();
    cluster = new EksCluster("va", { vpcId: "vpc-1", subnetIds: ["subnet-a", "subnet-b"], kmsKeyArn: "arn:key", adminRoleArns: ["arn:aws:iam::123456789012:role/admins"], tags });
    const k8s = { provider: cluster.provider };
    new SecureNamespace("data", { name: "data", labels }, k8s);
    new SecureNamespace("monitoring", { name: "monitoring", podSecurity: "privileged", labels }, k8s);
    certificate = new ServiceCertificate("store-tls", { namespace: "data", services: ["store"], headlessServices: ["store-headless"], extraDnsNames: ["localhost"], ipAddresses: ["127.0.0.1"], secretName: "store-tls", labels }, k8s);
    new EncryptedStorageClass("storage", { name: "gp3-encrypted", kmsKeyArn: "arn:key", backupTag: { key: "readiness:backup", value: "daily" }, labels }, k8s);
    new SecretSync("sync", { namespace: "external-secrets", region: "us-east-1", secretArns: ["arn:secret"], kmsKeyArn: "arn:key", oidcProvider: { arn: "arn:oidc", url: "https://oidc.example/id/X" }, controlPlaneCidr: "10.30.0.0/16", labels }, k8s);
    await session.settle();
});

describe("EksCluster", () => {
    it("encrypts secrets with the KMS key, keeps the endpoint private and logs every control-plane component", () => {
        expect(inputsOf(named(session, "aws:eks/cluster:Cluster", "va-cluster"))).toEqual({
            name: "va",
            version: "1.31",
            roleArn: expect.stringMatching(/^arn:aws:iam:/),
            vpcConfig: { subnetIds: ["subnet-a", "subnet-b"], securityGroupIds: [expect.any(String)], endpointPrivateAccess: true, endpointPublicAccess: false },
            encryptionConfig: { provider: { keyArn: "arn:key" }, resources: ["secrets"] },
            enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
            accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true },
            deletionProtection: true,
            tags: { ...tags, Name: "va-cluster" },
        });
        expect(inputsOf(named(session, "aws:cloudwatch/logGroup:LogGroup", "va-control-plane"))).toMatchObject({ name: "/aws/eks/va/cluster", retentionInDays: 2557, kmsKeyId: "arn:key" });
    });

    it("launches managed nodes from a template with a KMS-encrypted gp3 root and IMDSv2 closed to pods", () => {
        expect(inputsOf(named(session, "aws:ec2/launchTemplate:LaunchTemplate", "va-nodes"))).toEqual({
            name: expect.stringMatching(/^va-nodes-/),
            description: "Nodes of va",
            updateDefaultVersion: true,
            blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 100, volumeType: "gp3", encrypted: "true", kmsKeyId: "arn:key", deleteOnTermination: "true" } }],
            metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
            tagSpecifications: [
                { resourceType: "instance", tags: { ...tags, Name: "va-node" } },
                { resourceType: "volume", tags: { ...tags, Name: "va-node-root" } },
            ],
            tags: { ...tags, Name: "va-nodes-template" },
        });
        const template = named(session, "aws:ec2/launchTemplate:LaunchTemplate", "va-nodes");
        expect(inputsOf(named(session, "aws:eks/nodeGroup:NodeGroup", "va-nodes"))).toEqual({
            clusterName: "va",
            nodeGroupName: expect.stringMatching(/^va-nodes-/),
            nodeRoleArn: expect.stringMatching(/^arn:aws:iam:/),
            subnetIds: ["subnet-a", "subnet-b"],
            instanceTypes: ["m7a.2xlarge"],
            amiType: "AL2023_x86_64_STANDARD",
            launchTemplate: { id: template.id, version: "1" },
            scalingConfig: { desiredSize: 3, minSize: 3, maxSize: 6 },
            updateConfig: { maxUnavailable: 1 },
            tags: { ...tags, Name: "va-nodes" },
        });
    });

    it("exposes the cluster security group, which EKS gives the managed nodes, as the nodes' group", async () => {
        const vpcConfig = (await outputOf(cluster.cluster.vpcConfig)) as { clusterSecurityGroupId?: string };
        expect(vpcConfig.clusterSecurityGroupId).toMatch(/^sg-[0-9a-f]{17}$/);
        expect(await outputOf(cluster.nodeSecurityGroupId)).toBe(vpcConfig.clusterSecurityGroupId);
        // Not the additional control-plane group the cluster is given (managed nodes do not carry it).
        expect(await outputOf(cluster.nodeSecurityGroupId)).not.toBe(named(session, "aws:ec2/securityGroup:SecurityGroup", "va-nodes-sg").id);
    });

    it("enforces NetworkPolicies through the VPC CNI and installs the EBS CSI driver with its own role", () => {
        expect(inputsOf(named(session, "aws:eks/addon:Addon", "va-vpc-cni")).configurationValues).toBe('{"enableNetworkPolicy":"true"}');
        expect(inputsOf(named(session, "aws:eks/addon:Addon", "va-ebs-csi"))).toMatchObject({ addonName: "aws-ebs-csi-driver", serviceAccountRoleArn: expect.stringMatching(/^arn:aws:iam:/) });
    });

    it("grants access through access entries", () => {
        expect(inputsOf(named(session, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation", "va-admin-0"))).toMatchObject({ policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", accessScope: { type: "cluster" } });
    });

    it("refuses an API endpoint open to the world", () => {
        expect(() => new EksCluster("open", { vpcId: "v", subnetIds: [], kmsKeyArn: "k", publicAccessCidrs: ["0.0.0.0/0"], tags })).toThrow("invalid arguments for EksCluster open");
    });
});

describe("namespaces, storage and secret sync", () => {
    it("enforce a Pod Security Standard: baseline by default, privileged only where asked", () => {
        expect(inputsOf(named(session, "kubernetes:core/v1:Namespace", "data-namespace"))).toEqual({
            apiVersion: "v1",
            kind: "Namespace",
            metadata: { name: "data", labels: { ...labels, "kubernetes.io/metadata.name": "data", "pod-security.kubernetes.io/enforce": "baseline" } },
        });
        expect((inputsOf(named(session, "kubernetes:core/v1:Namespace", "monitoring-namespace")).metadata as { labels: Record<string, string> }).labels["pod-security.kubernetes.io/enforce"]).toBe("privileged");
    });

    it("deny all traffic in a namespace by default, allowing DNS only", () => {
        expect(inputsOf(named(session, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "data-default-deny"))).toEqual({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "default-deny", namespace: "data", labels }, spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } });
        expect((inputsOf(named(session, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "data-allow-dns")) as { spec: { egress: { ports: unknown[] }[] } }).spec.egress[0].ports).toEqual([{ port: 53, protocol: "UDP" }, { port: 53, protocol: "TCP" }]);
    });

    it("store volumes encrypted with the KMS key, retained, tagged for backup", () => {
        expect(inputsOf(named(session, "kubernetes:storage.k8s.io/v1:StorageClass", "storage-class"))).toMatchObject({
            provisioner: "ebs.csi.aws.com",
            parameters: { type: "gp3", encrypted: "true", kmsKeyId: "arn:key", tagSpecification_1: "readiness:backup=daily" },
            reclaimPolicy: "Retain",
        });
    });

    it("sync Secrets Manager entries through a pinned External Secrets Operator reading only the listed secrets", () => {
        const release = named(session, "kubernetes:helm.sh/v3:Release", "sync-operator");
        expect(inputsOf(release)).toMatchObject({ name: "external-secrets", chart: "external-secrets", version: "0.10.4", namespace: "external-secrets", atomic: true });
        expect(inputsOf(release).values).toEqual({
            installCRDs: true,
            serviceAccount: { name: "external-secrets", annotations: { "eks.amazonaws.com/role-arn": expect.stringMatching(/^arn:aws:iam:/) } },
            resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
            webhook: { port: 10250, resources: { requests: { cpu: "20m", memory: "64Mi" }, limits: { cpu: "200m", memory: "256Mi" } } },
            certController: { resources: { requests: { cpu: "20m", memory: "64Mi" }, limits: { cpu: "200m", memory: "256Mi" } } },
            commonLabels: labels,
        });
        const policy = JSON.parse(inputsOf(named(session, "aws:iam/rolePolicy:RolePolicy", "sync-reader")).policy as string);
        expect(policy.Statement[0]).toEqual({ Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: ["arn:secret"] });
        expect(ofType(session, "kubernetes:external-secrets.io/v1beta1:ClusterSecretStore")).toHaveLength(1);
    });

    it("let the operator reach AWS and the API server over HTTPS, and the control plane reach its webhook", () => {
        expect(inputsOf(named(session, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "sync-egress"))).toEqual({
            apiVersion: "networking.k8s.io/v1",
            kind: "NetworkPolicy",
            metadata: { name: "external-secrets-egress", namespace: "external-secrets", labels },
            spec: { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ port: 443, protocol: "TCP" }] }] },
        });
        expect(inputsOf(named(session, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "sync-webhook"))).toEqual({
            apiVersion: "networking.k8s.io/v1",
            kind: "NetworkPolicy",
            metadata: { name: "external-secrets-webhook", namespace: "external-secrets", labels },
            spec: {
                podSelector: { matchLabels: { "app.kubernetes.io/name": "external-secrets-webhook" } },
                policyTypes: ["Ingress"],
                ingress: [{ from: [{ ipBlock: { cidr: "10.30.0.0/16" } }], ports: [{ port: 10250, protocol: "TCP" }] }],
            },
        });
        const release = named(session, "kubernetes:helm.sh/v3:Release", "sync-operator");
        expect(release.dependencies).toEqual(expect.arrayContaining(["sync-egress", "sync-webhook"].map((policy) => named(session, "kubernetes:networking.k8s.io/v1:NetworkPolicy", policy).urn)));
    });
});

describe("ServiceCertificate", () => {
    it("names each service in every form a client may use, and the pods of headless services", () => {
        expect(serviceDnsNames("data", ["a"], ["a-headless"])).toEqual(["a", "a.data", "a.data.svc", "a.data.svc.cluster.local", "*.a-headless.data.svc.cluster.local"]);
    });

    it("signs a one-year certificate, renewed in its last 30 days, with a ten-year private CA", () => {
        expect(inputsOf(named(session, "tls:index/privateKey:PrivateKey", "store-tls-ca"))).toEqual({ algorithm: "ECDSA", ecdsaCurve: "P256" });
        expect(inputsOf(named(session, "tls:index/selfSignedCert:SelfSignedCert", "store-tls-ca"))).toEqual({
            privateKeyPem: "-----BEGIN PRIVATE KEY-----\nmock-store-tls-ca\n-----END PRIVATE KEY-----\n",
            isCaCertificate: true,
            validityPeriodHours: 87600,
            allowedUses: ["cert_signing", "crl_signing"],
            subject: { commonName: "store-tls CA", organization: "readiness-kit" },
        });
        expect(inputsOf(named(session, "tls:index/certRequest:CertRequest", "store-tls-request"))).toEqual({
            privateKeyPem: "-----BEGIN PRIVATE KEY-----\nmock-store-tls-key\n-----END PRIVATE KEY-----\n",
            subject: { commonName: "store.data.svc" },
            dnsNames: ["store", "store.data", "store.data.svc", "store.data.svc.cluster.local", "*.store-headless.data.svc.cluster.local", "localhost"],
            ipAddresses: ["127.0.0.1"],
        });
        expect(inputsOf(named(session, "tls:index/locallySignedCert:LocallySignedCert", "store-tls-cert"))).toEqual({
            certRequestPem: "-----BEGIN CERTIFICATE REQUEST-----\nmock-store-tls-request\n-----END CERTIFICATE REQUEST-----\n",
            caPrivateKeyPem: "-----BEGIN PRIVATE KEY-----\nmock-store-tls-ca\n-----END PRIVATE KEY-----\n",
            caCertPem: "-----BEGIN CERTIFICATE-----\nmock-store-tls-ca\n-----END CERTIFICATE-----\n",
            validityPeriodHours: 8760,
            earlyRenewalHours: 720,
            allowedUses: ["digital_signature", "key_encipherment", "server_auth", "client_auth"],
        });
    });

    it("stores certificate, PKCS#8 key (a secret) and CA in a kubernetes.io/tls Secret, and exposes the CA", async () => {
        const secret = named(session, "kubernetes:core/v1:Secret", "store-tls-secret");
        const inputs = inputsOf(secret) as Record<string, unknown> & { stringData: Record<string, unknown> };
        expect({ ...inputs, stringData: { ...inputs.stringData, "tls.key": "(checked below)" } }).toEqual({
            apiVersion: "v1",
            kind: "Secret",
            metadata: { name: "store-tls", namespace: "data", labels },
            type: "kubernetes.io/tls",
            stringData: { "tls.crt": "-----BEGIN CERTIFICATE-----\nmock-store-tls-cert\n-----END CERTIFICATE-----\n", "tls.key": "(checked below)", "ca.crt": "-----BEGIN CERTIFICATE-----\nmock-store-tls-ca\n-----END CERTIFICATE-----\n" },
        });
        expect(isSecretInput(secret, "stringData")).toBe(true);
        // The key is the server key's PKCS#8 PEM (which the offline mocks do not compute).
        expect(secret.propertyDependencies.stringData).toContain(named(session, "tls:index/privateKey:PrivateKey", "store-tls-key").urn);
        expect(await outputOf(certificate.caCertPem)).toBe("-----BEGIN CERTIFICATE-----\nmock-store-tls-ca\n-----END CERTIFICATE-----\n");
        expect(await outputOf(certificate.secretName)).toBe("store-tls");
    });
});

import { EksCluster } from "../../../components/kubernetes/eks-cluster";
import { EncryptedStorageClass } from "../../../components/kubernetes/encrypted-storage-class";
import { SecretSync } from "../../../components/kubernetes/secret-sync";
import { SecureNamespace } from "../../../components/kubernetes/secure-namespace";
import { RecordingSession } from "../../../gate/program";
import { inputsOf, named, ofType, recordingMocks } from "../../helpers/mocks";

let session: RecordingSession;
const tags = { "readiness:blueprint": "voiceassist" };
const labels = { "readiness/blueprint": "voiceassist" };

beforeAll(async () => {
    session = await recordingMocks();
    const cluster = new EksCluster("va", { vpcId: "vpc-1", subnetIds: ["subnet-a", "subnet-b"], kmsKeyArn: "arn:key", adminRoleArns: ["arn:aws:iam::123456789012:role/admins"], tags });
    const k8s = { provider: cluster.provider };
    new SecureNamespace("data", { name: "data", labels }, k8s);
    new EncryptedStorageClass("storage", { name: "gp3-encrypted", kmsKeyArn: "arn:key", backupTag: { key: "readiness:backup", value: "daily" }, labels }, k8s);
    new SecretSync("sync", { namespace: "external-secrets", region: "us-east-1", secretArns: ["arn:secret"], kmsKeyArn: "arn:key", oidcProvider: { arn: "arn:oidc", url: "https://oidc.example/id/X" }, labels }, k8s);
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
        expect(inputsOf(named(session, "kubernetes:helm.sh/v3:Release", "sync-operator"))).toMatchObject({ chart: "external-secrets", version: "0.10.4", namespace: "external-secrets" });
        const policy = JSON.parse(inputsOf(named(session, "aws:iam/rolePolicy:RolePolicy", "sync-reader")).policy as string);
        expect(policy.Statement[0]).toEqual({ Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: ["arn:secret"] });
        expect(ofType(session, "kubernetes:external-secrets.io/v1beta1:ClusterSecretStore")).toHaveLength(1);
    });
});

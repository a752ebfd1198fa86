// A first preview knows an input block, but not what the provider adds to it: an EKS cluster's
// vpcConfig keeps its subnets and gains an unknown cluster security group, as in `pulumi preview`.
import { Cluster } from "@pulumi/aws/eks";
import { PrivateKey } from "@pulumi/tls";
import { RecordingSession, UNKNOWN, plain } from "../../gate/program";
import { named, recordingMocks } from "../helpers/mocks";

let session: RecordingSession;

beforeAll(async () => {
    session = await recordingMocks({}, { preview: true });
    new Cluster("cluster", { roleArn: "arn:aws:iam::123456789012:role/eks", vpcConfig: { subnetIds: ["subnet-a", "subnet-b"], endpointPrivateAccess: true } });
    new PrivateKey("key", { algorithm: "ECDSA", ecdsaCurve: "P256" });
    await session.settle();
});

describe("the mock engine in a first preview, for blocks the provider completes", () => {
    it("keeps the given fields and leaves the computed ones unknown", () => {
        expect(plain(named(session, "aws:eks/cluster:Cluster", "cluster").properties.vpcConfig)).toEqual({ subnetIds: ["subnet-a", "subnet-b"], endpointPrivateAccess: true, clusterSecurityGroupId: UNKNOWN, vpcId: UNKNOWN });
    });

    it("leaves every key format of a private key unknown", () => {
        const properties = plain(named(session, "tls:index/privateKey:PrivateKey", "key").properties) as Record<string, unknown>;
        expect([properties.privateKeyPem, properties.privateKeyPemPkcs8, properties.privateKeyOpenssh, properties.publicKeyPem]).toEqual([UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN]);
    });
});

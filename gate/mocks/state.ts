// Outputs of a resource as the mock engine reports them when not previewing: the inputs echoed,
// plus a deterministic id, an ARN for AWS resources, and the computed attributes programs
// commonly read (endpoints, IPs, DNS names), so that applies over them run as in a real update.
import { ACCOUNT_ID, digest } from "./identity";

type State = Record<string, unknown>;

function awsService(type: string): string | undefined {
    const match = /^aws:([a-z0-9]+)\//.exec(type);
    return match?.[1];
}

function ipFrom(hash: string, prefix: string): string {
    return `${prefix}.${parseInt(hash.slice(0, 2), 16) % 250 + 2}`;
}

export function mockId(type: string, name: string): string {
    const hash = digest(type, name).slice(0, 17);
    const token = type.split(":").pop() ?? "resource";
    return `${token.toLowerCase()}-${hash}`;
}

/** Attributes a provider computes, for the types whose outputs programs read. */
function computed(type: string, name: string, inputs: State, region: string, hash: string): State {
    switch (type) {
        case "aws:ec2/eip:Eip":
            return { publicIp: ipFrom(hash, "203.0.113"), allocationId: `eipalloc-${hash.slice(0, 17)}`, publicDns: `ec2-203-0-113-${parseInt(hash.slice(0, 2), 16)}.compute-1.amazonaws.com` };
        case "aws:ec2/instance:Instance":
            return { privateIp: ipFrom(hash, "10.0.1"), publicIp: "", primaryNetworkInterfaceId: `eni-${hash.slice(0, 17)}` };
        case "aws:ec2/launchTemplate:LaunchTemplate":
            return { latestVersion: 1, defaultVersion: 1 };
        case "aws:ec2/vpc:Vpc":
            return { defaultSecurityGroupId: `sg-${hash.slice(0, 17)}`, mainRouteTableId: `rtb-${hash.slice(0, 17)}` };
        case "aws:rds/instance:Instance":
        case "aws:rds/cluster:Cluster": {
            const address = `${inputs.identifier ?? name}.c${hash.slice(0, 10)}.${region}.rds.amazonaws.com`;
            const managed = inputs.manageMasterUserPassword === true ? { masterUserSecrets: [{ secretArn: `arn:aws:secretsmanager:${region}:${ACCOUNT_ID}:secret:rds!db-${hash.slice(0, 8)}-${hash.slice(8, 14)}`, kmsKeyId: inputs.masterUserSecretKmsKeyId ?? "", secretStatus: "active" }] } : {};
            return { address, endpoint: `${address}:${inputs.port ?? 5432}`, port: inputs.port ?? 5432, resourceId: `db-${hash.slice(0, 26).toUpperCase()}`, identifier: inputs.identifier ?? name, ...managed };
        }
        case "aws:rds/proxy:Proxy":
            return { endpoint: `${inputs.name ?? name}.proxy-c${hash.slice(0, 10)}.${region}.rds.amazonaws.com` };
        case "aws:elasticache/replicationGroup:ReplicationGroup":
            return { primaryEndpointAddress: `master.${name}.${hash.slice(0, 6)}.${region}.cache.amazonaws.com`, readerEndpointAddress: `replica.${name}.${hash.slice(0, 6)}.${region}.cache.amazonaws.com`, port: inputs.port ?? 6379 };
        case "aws:memorydb/cluster:Cluster":
            return { clusterEndpoints: [{ address: `clustercfg.${name}.${hash.slice(0, 6)}.memorydb.${region}.amazonaws.com`, port: inputs.port ?? 6379 }] };
        case "aws:lb/loadBalancer:LoadBalancer":
            return { dnsName: `${name}-${hash.slice(0, 10)}.${region}.elb.amazonaws.com`, zoneId: "Z35SXDOTRQ7X7K", arnSuffix: `app/${name}/${hash.slice(0, 16)}` };
        case "aws:lb/targetGroup:TargetGroup":
            return { arnSuffix: `targetgroup/${name}/${hash.slice(0, 16)}` };
        case "aws:route53/zone:Zone":
            return { zoneId: `Z${hash.slice(0, 20).toUpperCase()}`, nameServers: ["ns-1.awsdns-01.org", "ns-2.awsdns-02.net"] };
        case "aws:acm/certificate:Certificate": {
            const domain = String(inputs.domainName ?? "example.com");
            const names = [domain, ...((inputs.subjectAlternativeNames as string[] | undefined) ?? [])];
            return {
                domainValidationOptions: names.map((domainName) => ({
                    domainName,
                    resourceRecordName: `_${digest(domainName).slice(0, 32)}.${domainName}.`,
                    resourceRecordType: "CNAME",
                    resourceRecordValue: `_${digest("value", domainName).slice(0, 32)}.acm-validations.aws.`,
                })),
            };
        }
        case "aws:kms/key:Key":
            return { keyId: `${hash.slice(0, 8)}-${hash.slice(8, 12)}-${hash.slice(12, 16)}-${hash.slice(16, 20)}-${hash.slice(20, 32)}` };
        case "aws:eks/cluster:Cluster":
            return {
                endpoint: `https://${hash.slice(0, 32).toUpperCase()}.gr7.${region}.eks.amazonaws.com`,
                certificateAuthority: { data: Buffer.from(`mock-ca-${name}`).toString("base64") },
                identities: [{ oidcs: [{ issuer: `https://oidc.eks.${region}.amazonaws.com/id/${hash.slice(0, 32).toUpperCase()}` }] }],
                // EKS creates the cluster security group its managed nodes get.
                vpcConfig: { ...(inputs.vpcConfig as State | undefined), clusterSecurityGroupId: `sg-${hash.slice(0, 17)}`, vpcId: `vpc-${digest("vpc", name).slice(0, 17)}` },
            };
        case "aws:iam/accessKey:AccessKey":
            // Placeholders of the right shape: the engine marks them secret (additionalSecretOutputs).
            return { secret: `mock-secret-${hash.slice(0, 32)}`, sesSmtpPasswordV4: `mock-smtp-${hash.slice(0, 34)}`, status: "Active" };
        case "aws:iam/role:Role":
            return { uniqueId: `AROA${hash.slice(0, 17).toUpperCase()}` };
        case "aws:ecr/repository:Repository":
            return { repositoryUrl: `${ACCOUNT_ID}.dkr.ecr.${region}.amazonaws.com/${inputs.name ?? name}` };
        case "kubernetes:core/v1:Service": {
            // The cloud provider gives a LoadBalancer Service its balancer's name; other Services get no status to read.
            const spec = (inputs.spec ?? {}) as State;
            if (spec.type !== "LoadBalancer") {
                return {};
            }
            const metadata = (inputs.metadata ?? {}) as State;
            const annotations = (metadata.annotations ?? {}) as State;
            const internal = annotations["service.beta.kubernetes.io/aws-load-balancer-internal"] === "true" ? "internal-" : "";
            return { status: { loadBalancer: { ingress: [{ hostname: `${internal}${String(metadata.name ?? name)}-${hash.slice(0, 16)}.elb.${region}.amazonaws.com` }] } } };
        }
        case "aws:sns/topic:Topic":
        case "aws:sqs/queue:Queue":
            return {};
        default:
            return {};
    }
}

/** `id` is the one the program gave (a read with `.get()`, an import); otherwise a deterministic one. */
export function mockState(type: string, name: string, inputs: State, region: string, id: string = mockId(type, name)): { id: string; state: State } {
    const hash = digest(type, name);
    const state: State = { ...inputs, ...computed(type, name, inputs, region, hash) };
    const service = awsService(type);
    if (service && state.arn === undefined) {
        state.arn = `arn:aws:${service}:${region}:${ACCOUNT_ID}:${(type.split(":").pop() ?? "resource").toLowerCase()}/${id}`;
    }
    if (type.startsWith("random:") && state.result === undefined) {
        const length = typeof inputs.length === "number" ? inputs.length : 32;
        // Deterministic stand-in with the requested length; the engine marks it secret.
        state.result = digest("random", name).repeat(Math.ceil(length / 64)).slice(0, length);
        if (type === "random:index/randomBytes:RandomBytes") {
            const bytes = Buffer.from(digest("random", name).repeat(Math.ceil(length / 32)).slice(0, length * 2), "hex");
            Object.assign(state, { base64: bytes.toString("base64"), hex: bytes.toString("hex") });
            delete state.result;
        }
        if (type === "random:index/randomId:RandomId") {
            const bytes = typeof inputs.byteLength === "number" ? inputs.byteLength : 8;
            const buffer = Buffer.from(digest("random", name).repeat(Math.ceil(bytes / 32)).slice(0, bytes * 2), "hex");
            Object.assign(state, { b64Std: buffer.toString("base64"), b64Url: buffer.toString("base64url"), hex: buffer.toString("hex"), dec: BigInt(`0x${buffer.toString("hex")}`).toString() });
        }
    }
    if (type === "tls:index/privateKey:PrivateKey") {
        Object.assign(state, {
            privateKeyPem: `-----BEGIN PRIVATE KEY-----\nmock-${name}\n-----END PRIVATE KEY-----\n`,
            privateKeyPemPkcs8: `-----BEGIN PRIVATE KEY-----\nmock-pkcs8-${name}\n-----END PRIVATE KEY-----\n`,
            privateKeyOpenssh: `-----BEGIN OPENSSH PRIVATE KEY-----\nmock-${name}\n-----END OPENSSH PRIVATE KEY-----\n`,
            publicKeyPem: `-----BEGIN PUBLIC KEY-----\nmock-${name}\n-----END PUBLIC KEY-----\n`,
            publicKeyOpenssh: `ssh-ed25519 mock-${name}`,
        });
    }
    if (type === "tls:index/selfSignedCert:SelfSignedCert" || type === "tls:index/locallySignedCert:LocallySignedCert") {
        state.certPem = `-----BEGIN CERTIFICATE-----\nmock-${name}\n-----END CERTIFICATE-----\n`;
    }
    if (type === "tls:index/certRequest:CertRequest") {
        state.certRequestPem = `-----BEGIN CERTIFICATE REQUEST-----\nmock-${name}\n-----END CERTIFICATE REQUEST-----\n`;
    }
    return { id, state };
}

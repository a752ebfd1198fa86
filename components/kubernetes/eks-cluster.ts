// An EKS cluster for regulated workloads: Kubernetes secrets encrypted with a customer KMS key,
// a private API endpoint (or one restricted to listed networks), every control-plane log type
// kept in an encrypted log group, access through EKS access entries (no aws-auth ConfigMap),
// network policies enforced by the VPC CNI, the EBS CSI driver for encrypted volumes, managed
// nodes with KMS-encrypted root volumes and IMDSv2 closed to pods, and an OIDC provider for
// workload IAM roles. Exposes an explicit Kubernetes provider.
import * as pulumi from "@pulumi/pulumi";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as ec2 from "@pulumi/aws/ec2";
import * as eks from "@pulumi/aws/eks";
import * as iam from "@pulumi/aws/iam";
import { Provider } from "@pulumi/kubernetes/provider";
import { Firewall } from "../network/firewall";

export interface EksClusterArgs {
    /** Kubernetes version. Default "1.31". */
    readonly version?: string;
    readonly vpcId: pulumi.Input<string>;
    readonly subnetIds: pulumi.Input<string>[];
    readonly kmsKeyArn: pulumi.Input<string>;
    /** Networks that may reach the API endpoint from the internet; none (private only) by default. */
    readonly publicAccessCidrs?: string[];
    /** Node instance type. Default m7a.2xlarge (8 cores, 32 GiB). */
    readonly nodeInstanceType?: string;
    /** Nodes: desired and minimum. Default 3. */
    readonly nodeCount?: number;
    /** Size of each node's root volume (gp3, encrypted with `kmsKeyArn`). Default 100 GiB. */
    readonly nodeDiskGb?: number;
    /** IAM roles given cluster-admin, and roles given read access to `viewNamespaces`. */
    readonly adminRoleArns?: string[];
    readonly viewerRoleArns?: string[];
    readonly viewNamespaces?: string[];
    /** Days control-plane logs are kept. Default 2557 (seven years, for audit). */
    readonly logRetentionDays?: number;
    readonly tags: Record<string, string>;
}

function assumeRole(service: string): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: ["sts:AssumeRole", "sts:TagSession"] }] });
}

export class EksCluster extends pulumi.ComponentResource {
    readonly cluster: eks.Cluster;
    readonly provider: Provider;
    /**
     * The cluster security group, which EKS gives the managed nodes (and so their pods): the group
     * data stores outside the cluster (RDS) admit.
     */
    readonly nodeSecurityGroupId: pulumi.Output<string>;
    readonly oidcProvider: iam.OpenIdConnectProvider;
    /** kubeconfig using `aws eks get-token`; a secret. */
    readonly kubeconfig: pulumi.Output<string>;

    constructor(name: string, args: EksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("readiness:kubernetes:EksCluster", name, {}, opts);
        const tags = (part: string) => ({ ...args.tags, Name: `${name}-${part}` });
        const publicCidrs = args.publicAccessCidrs ?? [];
        if (publicCidrs.some((cidr) => cidr.endsWith("/0"))) {
            throw new pulumi.InputPropertiesError({ message: `invalid arguments for EksCluster ${name}`, errors: [{ propertyPath: "publicAccessCidrs", reason: "the API endpoint must not be open to the whole internet" }] });
        }

        const clusterRole = new iam.Role(`${name}-cluster`, { assumeRolePolicy: assumeRole("eks.amazonaws.com"), tags: tags("cluster-role") }, { parent: this });
        new iam.RolePolicyAttachment(`${name}-cluster`, { role: clusterRole.name, policyArn: "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy" }, { parent: this });
        const logs = new cloudwatch.LogGroup(
            `${name}-control-plane`,
            { name: `/aws/eks/${name}/cluster`, retentionInDays: args.logRetentionDays ?? 2557, kmsKeyId: args.kmsKeyArn, tags: tags("control-plane-logs") },
            { parent: this, protect: true, retainOnDelete: true },
        );
        // An additional control-plane group without rules; managed nodes do not get it (EKS gives them
        // the cluster security group), so it is not what clients outside the cluster admit.
        const nodes = new Firewall(`${name}-nodes`, { vpcId: args.vpcId, description: `Nodes of ${name}`, ingress: [], tags: args.tags }, { parent: this });

        this.cluster = new eks.Cluster(
            `${name}-cluster`,
            {
                name,
                version: args.version ?? "1.31",
                roleArn: clusterRole.arn,
                vpcConfig: {
                    subnetIds: args.subnetIds,
                    securityGroupIds: [nodes.id],
                    endpointPrivateAccess: true,
                    endpointPublicAccess: publicCidrs.length > 0,
                    ...(publicCidrs.length > 0 ? { publicAccessCidrs: publicCidrs } : {}),
                },
                encryptionConfig: { provider: { keyArn: args.kmsKeyArn }, resources: ["secrets"] },
                enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
                accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true },
                deletionProtection: true,
                tags: tags("cluster"),
            },
            { parent: this, dependsOn: [logs] },
        );
        this.nodeSecurityGroupId = this.cluster.vpcConfig.clusterSecurityGroupId;

        const nodeRole = new iam.Role(`${name}-nodes`, { assumeRolePolicy: assumeRole("ec2.amazonaws.com"), tags: tags("node-role") }, { parent: this });
        for (const policy of ["AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly", "AmazonSSMManagedInstanceCore"]) {
            new iam.RolePolicyAttachment(`${name}-nodes-${policy}`, { role: nodeRole.name, policyArn: `arn:aws:iam::aws:policy/${policy}` }, { parent: this });
        }
        const count = args.nodeCount ?? 3;
        // No security groups here: EKS then attaches the cluster security group to the nodes.
        const launchTemplate = new ec2.LaunchTemplate(
            `${name}-nodes`,
            {
                description: `Nodes of ${name}`,
                updateDefaultVersion: true,
                blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: args.nodeDiskGb ?? 100, volumeType: "gp3", encrypted: "true", kmsKeyId: args.kmsKeyArn, deleteOnTermination: "true" } }],
                // IMDSv2 only, one hop: pods (a hop further) cannot take the node role's credentials; they use IRSA.
                metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
                tagSpecifications: [
                    { resourceType: "instance", tags: tags("node") },
                    { resourceType: "volume", tags: tags("node-root") },
                ],
                tags: tags("nodes-template"),
            },
            { parent: this },
        );
        new eks.NodeGroup(
            `${name}-nodes`,
            {
                clusterName: this.cluster.name,
                nodeRoleArn: nodeRole.arn,
                subnetIds: args.subnetIds,
                instanceTypes: [args.nodeInstanceType ?? "m7a.2xlarge"],
                amiType: "AL2023_x86_64_STANDARD",
                launchTemplate: { id: launchTemplate.id, version: launchTemplate.latestVersion.apply((version) => `${version}`) },
                scalingConfig: { desiredSize: count, minSize: count, maxSize: count * 2 },
                updateConfig: { maxUnavailable: 1 },
                tags: tags("nodes"),
            },
            { parent: this },
        );

        const issuer = this.cluster.identities.apply((identities) => identities[0].oidcs?.[0]?.issuer ?? "");
        this.oidcProvider = new iam.OpenIdConnectProvider(`${name}-oidc`, { url: issuer, clientIdLists: ["sts.amazonaws.com"], tags: tags("oidc") }, { parent: this });

        // NetworkPolicies are enforced by the VPC CNI's network policy agent.
        new eks.Addon(`${name}-vpc-cni`, { clusterName: this.cluster.name, addonName: "vpc-cni", configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }), resolveConflictsOnUpdate: "OVERWRITE" }, { parent: this });
        const ebsRole = new iam.Role(
            `${name}-ebs-csi`,
            {
                assumeRolePolicy: pulumi.all([this.oidcProvider.arn, issuer]).apply(([arn, url]) =>
                    JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [
                            {
                                Effect: "Allow",
                                Principal: { Federated: arn },
                                Action: "sts:AssumeRoleWithWebIdentity",
                                Condition: { StringEquals: { [`${url.replace("https://", "")}:sub`]: "system:serviceaccount:kube-system:ebs-csi-controller-sa" } },
                            },
                        ],
                    }),
                ),
                tags: tags("ebs-csi"),
            },
            { parent: this },
        );
        new iam.RolePolicyAttachment(`${name}-ebs-csi`, { role: ebsRole.name, policyArn: "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy" }, { parent: this });
        new iam.RolePolicy(
            `${name}-ebs-csi-kms`,
            { role: ebsRole.id, policy: pulumi.output(args.kmsKeyArn).apply((key) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["kms:CreateGrant", "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncrypt*", "kms:DescribeKey"], Resource: key }] })) },
            { parent: this },
        );
        new eks.Addon(`${name}-ebs-csi`, { clusterName: this.cluster.name, addonName: "aws-ebs-csi-driver", serviceAccountRoleArn: ebsRole.arn, resolveConflictsOnUpdate: "OVERWRITE" }, { parent: this });

        const grant = (kind: string, arns: string[], policy: string, scope: { type: string; namespaces?: string[] }) =>
            arns.forEach((principalArn, index) => {
                const entry = new eks.AccessEntry(`${name}-${kind}-${index}`, { clusterName: this.cluster.name, principalArn, type: "STANDARD", tags: tags(`${kind}-${index}`) }, { parent: this });
                new eks.AccessPolicyAssociation(`${name}-${kind}-${index}`, { clusterName: this.cluster.name, principalArn: entry.principalArn, policyArn: `arn:aws:eks::aws:cluster-access-policy/${policy}`, accessScope: scope }, { parent: this });
            });
        grant("admin", args.adminRoleArns ?? [], "AmazonEKSClusterAdminPolicy", { type: "cluster" });
        grant("viewer", args.viewerRoleArns ?? [], "AmazonEKSViewPolicy", { type: "namespace", namespaces: args.viewNamespaces ?? ["default"] });

        this.kubeconfig = pulumi.secret(
            pulumi.all([this.cluster.name, this.cluster.endpoint, this.cluster.certificateAuthority]).apply(([clusterName, endpoint, authority]) =>
                JSON.stringify({
                    apiVersion: "v1",
                    kind: "Config",
                    clusters: [{ name: clusterName, cluster: { server: endpoint, "certificate-authority-data": authority.data } }],
                    contexts: [{ name: clusterName, context: { cluster: clusterName, user: clusterName } }],
                    "current-context": clusterName,
                    users: [{ name: clusterName, user: { exec: { apiVersion: "client.authentication.k8s.io/v1beta1", command: "aws", args: ["eks", "get-token", "--cluster-name", clusterName] } } }],
                }),
            ),
        );
        this.provider = new Provider(`${name}-k8s`, { kubeconfig: this.kubeconfig, enableServerSideApply: true }, { parent: this });
        this.registerOutputs({ clusterName: this.cluster.name, endpoint: this.cluster.endpoint });
    }
}

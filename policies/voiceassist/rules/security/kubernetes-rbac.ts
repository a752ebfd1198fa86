import { CLUSTER_ROLE_BINDING, EKS_ACCESS_POLICY, eksClusters } from "../../../lib/kubernetes";
import { ofType, referrers } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";

const BROAD_SUBJECTS = ["system:authenticated", "system:unauthenticated", "system:anonymous", "system:serviceaccounts"];

export default automatedRule({
    name: "kubernetes-rbac",
    items: ["VA-11.1.5"],
    description:
        "Access to the cluster holding PHI is role-based: every EKS cluster authenticates through access entries (accessConfig.authenticationMode API or API_AND_CONFIG_MAP) with at least one access policy association, at least one of them scoped to namespaces (a role below cluster admin), and no ClusterRoleBinding grants a role to everyone (system:authenticated, system:unauthenticated, system:anonymous, system:serviceaccounts).",
    severity: "critical",
    remediationSteps: "The kit maps an admin role (cluster scope) and a developer role (view, voiceassist namespace) through EKS access entries. In your own program, add aws.eks.AccessEntry + AccessPolicyAssociation per role and remove broad bindings.",
    validate: ({ resources, report }) => {
        const clusters = eksClusters(resources);
        if (clusters.length === 0) {
            report("no EKS cluster exists whose access control could be shown");
        }
        for (const cluster of clusters) {
            const mode = ((cluster.props.accessConfig ?? {}) as Record<string, unknown>).authenticationMode;
            if (mode !== "API" && mode !== "API_AND_CONFIG_MAP") {
                report(`authenticates through ${String(mode ?? "the aws-auth ConfigMap (CONFIG_MAP)")}, not through access entries`, cluster);
            }
            const associations = referrers(resources, cluster, "clusterName", EKS_ACCESS_POLICY);
            if (associations.length === 0) {
                report("grants no role through an access policy association", cluster);
            } else if (!associations.some((association) => ((association.props.accessScope ?? {}) as Record<string, unknown>).type === "namespace")) {
                report("grants only cluster-wide roles; at least one role must be limited to namespaces", cluster);
            }
        }
        for (const binding of ofType(resources, CLUSTER_ROLE_BINDING)) {
            const subjects = ((binding.props.subjects ?? []) as Record<string, unknown>[]).map((subject) => String(subject.name));
            const broad = subjects.filter((subject) => BROAD_SUBJECTS.includes(subject));
            if (broad.length > 0) {
                report(`binds a cluster role to ${broad.join(", ")}`, binding);
            }
        }
    },
});

import { releases, chartName } from "../../../lib/helm";
import { isDefaultDeny, namespaceOf, networkPolicies, networkPolicyEnforcement } from "../../../lib/kubernetes";
import { automatedRule } from "../../../lib/rule";
import { NO_APP_WORKLOAD, phiNamespaces } from "../../voiceassist";

export default automatedRule({
    name: "zero-trust",
    items: ["VA-11.3.1"],
    description:
        "Zero trust inside the cluster: every namespace running VoiceAssist workloads or data stores (Redis, Qdrant releases) has a default-deny NetworkPolicy (empty podSelector, policyTypes Ingress and Egress, no rules), so only traffic a policy allows flows; and something enforces NetworkPolicies (the vpc-cni add-on with enableNetworkPolicy \"true\", or a Calico/Cilium release).",
    severity: "critical",
    remediationSteps:
        "The kit creates a default-deny NetworkPolicy in each namespace and enables network policy in the vpc-cni add-on. In your own program, add kubernetes.networking.v1.NetworkPolicy {podSelector: {}, policyTypes: [\"Ingress\", \"Egress\"]} per namespace and set the add-on's configurationValues to {\"enableNetworkPolicy\": \"true\"}.",
    validate: ({ resources, report }) => {
        const namespaces = phiNamespaces(resources);
        if (namespaces.length === 0) {
            report(NO_APP_WORKLOAD);
        }
        for (const namespace of namespaces) {
            if (!networkPolicies(resources).some((policy) => namespaceOf(policy) === namespace && isDefaultDeny(policy))) {
                report(`namespace ${namespace} has no default-deny NetworkPolicy (podSelector {}, policyTypes Ingress and Egress), so every pod may talk to every other`);
            }
        }
        if (!networkPolicyEnforcement(resources, releases(resources).map(chartName))) {
            report('nothing enforces NetworkPolicies: the vpc-cni add-on does not set enableNetworkPolicy "true" and no Calico or Cilium release is installed');
        }
    },
});

import { isTrue, valueAt } from "../../../lib/helm";
import { describeObject, isDefaultDeny, namespaceOf, networkPolicies, policyRules, selectorMatches } from "../../../lib/kubernetes";
import { PolicyResource } from "@pulumi/policy";
import { automatedRule } from "../../../lib/rule";
import { NO_APP_WORKLOAD, appWorkloads, dataStoreReleases, releaseNamespace, releasePodLabels } from "../../voiceassist";
import { podLabels } from "../../../lib/kubernetes";

function allowsSpecificIngress(policy: PolicyResource): boolean {
    return policyRules(policy).some((rule) => rule.direction === "Ingress" && rule.ports.length > 0 && rule.peers.length > 0);
}

export default automatedRule({
    name: "network-policies",
    items: ["VA-11.3.2"],
    description:
        "Each VoiceAssist workload and data-store release has its own NetworkPolicy besides the default deny: a policy of its namespace whose podSelector selects its pods (data stores: app.kubernetes.io/name and instance labels, or the chart's own networkPolicy.enabled) and which is not default-deny; the data stores' policies admit named peers on named ports only.",
    severity: "high",
    remediationSteps: "The kit creates a NetworkPolicy per workload (api-gateway, worker) and per data store (redis, qdrant) allowing only the peers and ports needed. In your own program, add such kubernetes.networking.v1.NetworkPolicy objects.",
    validate: ({ resources, report }) => {
        const workloads = appWorkloads(resources);
        if (workloads.length === 0) {
            report(NO_APP_WORKLOAD);
        }
        const selecting = (namespace: string, labels: Record<string, string>) =>
            networkPolicies(resources).filter((policy) => namespaceOf(policy) === namespace && !isDefaultDeny(policy) && selectorMatches((policy.props.spec as Record<string, unknown> | undefined)?.podSelector, labels));
        for (const workload of workloads) {
            if (selecting(namespaceOf(workload), podLabels(workload)).length === 0) {
                report(`${describeObject(workload)} is selected by no NetworkPolicy of its own`, workload);
            }
        }
        for (const release of dataStoreReleases(resources)) {
            if (isTrue(valueAt(release, "networkPolicy.enabled"))) {
                continue;
            }
            const policies = selecting(releaseNamespace(release), releasePodLabels(release));
            if (policies.length === 0) {
                report("runs pods no NetworkPolicy selects (and networkPolicy.enabled is not set)", release);
            } else if (!policies.some(allowsSpecificIngress)) {
                report("is selected only by NetworkPolicies that name no peers and ports for ingress", release);
            }
        }
    },
});

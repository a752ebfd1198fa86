import { PolicyResource } from "@pulumi/policy";
import { REDIS_CHARTS } from "../../../lib/datastores";
import { chartName, isFalse, valueAt } from "../../../lib/helm";
import { describeObject, isDefaultDeny, namespaceOf, networkPolicies, podLabels, policyRules, selectorMatches } from "../../../lib/kubernetes";
import { automatedRule } from "../../../lib/rule";
import { NO_APP_WORKLOAD, appWorkloads, dataStoreReleases, releaseNamespace, releasePodLabels } from "../../voiceassist";

function allowsSpecificIngress(policy: PolicyResource): boolean {
    return policyRules(policy).some((rule) => rule.direction === "Ingress" && rule.ports.length > 0 && rule.peers.length > 0);
}

/**
 * What the Bitnami chart's own NetworkPolicy does (recent charts render it unless
 * networkPolicy.enabled is false): with allowExternal (default true) its ingress rule has no
 * `from`, admitting every pod, and NetworkPolicies add up, so no narrower policy can take that back.
 */
function bitnamiPolicy(release: PolicyResource): "off" | "open" | "restricted" {
    if (isFalse(valueAt(release, "networkPolicy.enabled"))) {
        return "off";
    }
    return isFalse(valueAt(release, "networkPolicy.allowExternal")) ? "restricted" : "open";
}

export default automatedRule({
    name: "network-policies",
    items: ["VA-11.3.2"],
    description:
        "Each VoiceAssist workload and data-store release has its own NetworkPolicy besides the default deny: a policy of its namespace whose podSelector selects its pods (data stores: app.kubernetes.io/name and instance labels) and which is not default-deny; the data stores' policies admit named peers on named ports only. The Bitnami Redis chart's own NetworkPolicy, rendered unless networkPolicy.enabled is false, counts only with networkPolicy.allowExternal false: by default it admits every pod, which no other policy can narrow.",
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
            // Only the Bitnami chart renders a NetworkPolicy of its own; Qdrant's ignores networkPolicy values.
            const chartPolicy = REDIS_CHARTS.includes(chartName(release)) ? bitnamiPolicy(release) : "off";
            if (chartPolicy === "open") {
                report("renders the chart's NetworkPolicy with networkPolicy.allowExternal true (the chart's default), which admits every pod, and NetworkPolicies add up; set networkPolicy.allowExternal false, or networkPolicy.enabled false with a policy of your own", release);
                continue;
            }
            if (chartPolicy === "restricted") {
                continue;
            }
            const policies = selecting(releaseNamespace(release), releasePodLabels(release));
            if (policies.length === 0) {
                report("runs pods no NetworkPolicy selects", release);
            } else if (!policies.some(allowsSpecificIngress)) {
                report("is selected only by NetworkPolicies that name no peers and ports for ingress", release);
            }
        }
    },
});

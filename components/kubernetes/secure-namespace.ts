// A namespace that trusts nothing by default: a NetworkPolicy denying all ingress and egress to
// every pod, plus an explicit allow for DNS, and a Pod Security Standard enforced on its pods.
// Workloads add their own explicit allows.
import * as pulumi from "@pulumi/pulumi";
import { Namespace } from "@pulumi/kubernetes/core/v1/namespace";
import { NetworkPolicy } from "@pulumi/kubernetes/networking/v1/networkPolicy";

/** The Pod Security Standards levels (https://kubernetes.io/docs/concepts/security/pod-security-standards/). */
export type PodSecurityLevel = "restricted" | "baseline" | "privileged";

export interface SecureNamespaceArgs {
    readonly name: string;
    /**
     * Pod Security Standard enforced on the namespace's pods. Default "baseline" (no host
     * namespaces, host paths or privileged containers). "privileged" only for namespaces whose
     * agents must read the nodes (node exporters, log shippers).
     */
    readonly podSecurity?: PodSecurityLevel;
    /** Labels of every object (e.g. readiness/blueprint). */
    readonly labels: Record<string, string>;
}

export class SecureNamespace extends pulumi.ComponentResource {
    readonly name: pulumi.Output<string>;

    constructor(name: string, args: SecureNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("readiness:kubernetes:SecureNamespace", name, {}, opts);
        const namespace = new Namespace(
            `${name}-namespace`,
            { metadata: { name: args.name, labels: { ...args.labels, "kubernetes.io/metadata.name": args.name, "pod-security.kubernetes.io/enforce": args.podSecurity ?? "baseline" } } },
            { parent: this },
        );
        this.name = namespace.metadata.name;
        new NetworkPolicy(
            `${name}-default-deny`,
            { metadata: { name: "default-deny", namespace: this.name, labels: args.labels }, spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } },
            { parent: this },
        );
        new NetworkPolicy(
            `${name}-allow-dns`,
            {
                metadata: { name: "allow-dns", namespace: this.name, labels: args.labels },
                spec: {
                    podSelector: {},
                    policyTypes: ["Egress"],
                    egress: [{ to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } } }], ports: [{ port: 53, protocol: "UDP" }, { port: 53, protocol: "TCP" }] }],
                },
            },
            { parent: this },
        );
        this.registerOutputs({ name: this.name });
    }
}

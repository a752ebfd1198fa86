import { releasesOf } from "../../../lib/helm";
import { ofType } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";

const PEER_AUTHENTICATION = "kubernetes:security.istio.io/v1:PeerAuthentication";
const PEER_AUTHENTICATION_BETA = "kubernetes:security.istio.io/v1beta1:PeerAuthentication";

export default automatedRule({
    name: "mtls",
    items: ["VA-11.2.3"],
    description:
        "Internal services authenticate each other with mutual TLS: a Linkerd control plane release (automatic mTLS between meshed pods), or an Istio PeerAuthentication with mtls.mode STRICT.",
    severity: "medium",
    remediationSteps: "The kit does not install a service mesh (the item is optional; traffic to Redis, Qdrant and PostgreSQL is TLS already). In your own program, install Linkerd (linkerd-control-plane) or Istio with a STRICT PeerAuthentication.",
    validate: ({ resources, report }) => {
        const linkerd = releasesOf(resources, "linkerd-control-plane").length > 0;
        const strict = ofType(resources, PEER_AUTHENTICATION, PEER_AUTHENTICATION_BETA).some((policy) => ((((policy.props.spec ?? {}) as Record<string, unknown>).mtls ?? {}) as Record<string, unknown>).mode === "STRICT");
        if (!linkerd && !strict) {
            report("no service mesh enforces mutual TLS between internal services (no linkerd-control-plane release, no STRICT Istio PeerAuthentication)");
        }
    },
});

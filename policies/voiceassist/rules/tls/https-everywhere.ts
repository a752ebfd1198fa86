import { applicationLoadBalancers, isInternetFacing, listenerPort, listenerProtocol, listenersOf, networkLoadBalancers, redirectsToHttps } from "../../../lib/edge";
import { SERVICE, describeObject } from "../../../lib/kubernetes";
import { ofType } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";

export default automatedRule({
    name: "https-everywhere",
    items: ["VA-4.3.4"],
    description:
        "Every endpoint reachable from the internet is HTTPS: each internet-facing application load balancer has an HTTPS listener and every plain-HTTP listener only redirects to HTTPS (301); every listener of an internet-facing network load balancer uses TLS (a TCP, UDP or TCP_UDP listener carries traffic unencrypted, and a network load balancer cannot redirect); no Kubernetes Service of type LoadBalancer exposes a port without TLS (the aws-load-balancer-ssl-cert annotation).",
    severity: "critical",
    remediationSteps:
        "The kit exposes the application only through its ALB (HTTPS on 443, 80 redirecting). Remove plain listeners; give network load balancer listeners protocol TLS with a certificate, or make the balancer internal; give LoadBalancer Services the service.beta.kubernetes.io/aws-load-balancer-ssl-cert annotation or make them ClusterIP.",
    validate: ({ resources, report }) => {
        const balancers = applicationLoadBalancers(resources).filter(isInternetFacing);
        const networkBalancers = networkLoadBalancers(resources).filter(isInternetFacing);
        const tlsNetwork = networkBalancers.filter((balancer) => listenersOf(resources, balancer).some((listener) => listenerProtocol(listener) === "TLS"));
        if (balancers.length === 0 && tlsNetwork.length === 0) {
            report("no internet-facing load balancer serves the application over HTTPS");
        }
        for (const balancer of balancers) {
            const listeners = listenersOf(resources, balancer);
            if (!listeners.some((listener) => listenerProtocol(listener) === "HTTPS")) {
                report("has no HTTPS listener", balancer);
            }
            for (const listener of listeners.filter((entry) => listenerProtocol(entry) === "HTTP" && !redirectsToHttps(entry))) {
                report(`serves port ${listenerPort(listener)} over plain HTTP without a 301 redirect to HTTPS`, listener);
            }
        }
        for (const balancer of networkBalancers) {
            for (const listener of listenersOf(resources, balancer).filter((entry) => listenerProtocol(entry) !== "TLS")) {
                report(`accepts ${listener.props.protocol ?? "(no protocol)"} on port ${listenerPort(listener)} of an internet-facing network load balancer without TLS, which cannot redirect to HTTPS; use protocol TLS`, listener);
            }
        }
        for (const service of ofType(resources, SERVICE)) {
            const spec = (service.props.spec ?? {}) as Record<string, unknown>;
            const annotations = (((service.props.metadata ?? {}) as Record<string, unknown>).annotations ?? {}) as Record<string, unknown>;
            if (spec.type === "LoadBalancer" && annotations["service.beta.kubernetes.io/aws-load-balancer-internal"] !== "true" && annotations["service.beta.kubernetes.io/aws-load-balancer-ssl-cert"] === undefined) {
                report(`${describeObject(service)} exposes a load balancer without TLS`, service);
            }
        }
    },
});

import { applicationLoadBalancers, isInternetFacing, listenerPort, listenerProtocol, listenersOf, networkLoadBalancers, redirectsToHttps } from "../../../lib/edge";
import { describeObject, describeServicePort, loadBalancerServices, plaintextBalancerPorts } from "../../../lib/kubernetes";
import { automatedRule } from "../../../lib/rule";

export default automatedRule({
    name: "https-everywhere",
    items: ["VA-4.3.4"],
    description:
        "Every endpoint reachable from the internet is HTTPS: each internet-facing application load balancer has an HTTPS listener and every plain-HTTP listener only redirects to HTTPS (301), in its default actions and in each of its listener rules; every listener of an internet-facing network load balancer uses TLS (a TCP, UDP or TCP_UDP listener carries traffic unencrypted, and a network load balancer cannot redirect; internal ones the program creates are not judged); every port of each Kubernetes Service of type LoadBalancer, internal or not, gets TLS from Kubernetes' AWS cloud provider: the aws-load-balancer-ssl-cert annotation names a certificate and aws-load-balancer-ssl-ports (every port when absent or \"*\") lists the port by number or name (a UDP port cannot use TLS).",
    severity: "critical",
    remediationSteps:
        "The kit exposes the application through its ALB (HTTPS on 443, 80 redirecting) and gives its api-gateway Service (an internal NLB) the ssl-cert annotation with the domain's ACM certificate and ssl-ports 443. Remove plain listeners and listener rules that forward or answer on them (or make them redirect); give network load balancer listeners protocol TLS with a certificate, or make the balancer internal; give every LoadBalancer Service, internal ones included, the service.beta.kubernetes.io/aws-load-balancer-ssl-cert annotation and list all its ports in aws-load-balancer-ssl-ports (or leave it unset), or make it ClusterIP.",
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
            for (const listener of listeners.filter((entry) => listenerProtocol(entry) === "HTTP" && !redirectsToHttps(resources, entry))) {
                report(`serves port ${listenerPort(listener)} over plain HTTP without a 301 redirect to HTTPS`, listener);
            }
        }
        for (const balancer of networkBalancers) {
            for (const listener of listenersOf(resources, balancer).filter((entry) => listenerProtocol(entry) !== "TLS")) {
                report(`accepts ${listener.props.protocol ?? "(no protocol)"} on port ${listenerPort(listener)} of an internet-facing network load balancer without TLS, which cannot redirect to HTTPS; use protocol TLS`, listener);
            }
        }
        // Internal or not: the Service's load balancer carries the application's traffic across the VPC.
        for (const service of loadBalancerServices(resources)) {
            const plain = plaintextBalancerPorts(service);
            if (plain.length > 0) {
                report(`${describeObject(service)} exposes ${plain.map(({ port }) => `port ${describeServicePort(port)}`).join(", ")} on its load balancer without TLS: ${[...new Set(plain.map(({ reason }) => reason))].join("; ")}`, service);
            }
        }
    },
});

import { PolicyResource } from "@pulumi/policy";
import { parameterGroupOf, parametersOf, postgresDatabases } from "../../../lib/databases";
import { qdrantReleases, redisConfig, redisReleases, redisSetting, redisTlsEnabled } from "../../../lib/datastores";
import { cloudConfigOf } from "../../../lib/cloud-init";
import { foreignForwards, forwardTargets } from "../../../lib/edge";
import { isTrue, valueAt } from "../../../lib/helm";
import { AWS_LB_ANNOTATIONS, annotationsOf, describeObject, getsNetworkBalancer, loadBalancerServices, requestsBalancerTls } from "../../../lib/kubernetes";
import { nginxConfig } from "../../../lib/nginx";
import { automatedRule } from "../../../lib/rule";
import { elbPolicyVersionProblem, listenerVersionProblem, nginxUpstreamProblems, nginxVersionProblem } from "../../../lib/tls-endpoints";
import { appHosts, eachTlsEndpoint } from "../../voiceassist";

/** Target group protocols that keep traffic encrypted from the load balancer to its targets (ALB: HTTPS, NLB: TLS). */
const ENCRYPTED_TARGET_PROTOCOLS = ["HTTPS", "TLS"];

/**
 * Why the target group receives a TLS listener's traffic in plaintext, or undefined. A load
 * balancer terminating TLS re-encrypts only towards HTTPS/TLS target groups; any other protocol
 * (or none stated) carries PHI across the VPC unencrypted. Lambda targets are invoked through the
 * Lambda API and have no protocol.
 */
function unencryptedHop(group: PolicyResource): string | undefined {
    if (group.props.targetType === "lambda") {
        return undefined;
    }
    const protocol = group.props.protocol;
    if (typeof protocol === "string" && ENCRYPTED_TARGET_PROTOCOLS.includes(protocol.toUpperCase())) {
        return undefined;
    }
    return typeof protocol === "string" && protocol !== "" ? protocol : "unset";
}

/**
 * Why the load balancer Kubernetes' AWS cloud provider builds for a Service with a certificate
 * (ssl-cert) does not carry TLS 1.3 only, from the client to the pods: a network load balancer
 * (a Classic one offers TLS 1.2 at most), a TLS 1.3-only ssl-negotiation-policy (none named: ELB's
 * default policy, which accepts older versions) and backend-protocol ssl (else the listener
 * forwards to the pods in plaintext).
 */
function serviceBalancerProblems(service: PolicyResource): string[] {
    const annotations = annotationsOf(service);
    if (!getsNetworkBalancer(service)) {
        return [`gets a Classic Load Balancer (no ${AWS_LB_ANNOTATIONS.type} nlb annotation), which offers TLS 1.2 at most; use a network load balancer`];
    }
    const problems: string[] = [];
    const policy = annotations[AWS_LB_ANNOTATIONS.sslPolicy];
    if (policy === undefined || policy === "") {
        problems.push(`names no ${AWS_LB_ANNOTATIONS.sslPolicy}, so its TLS listener gets Elastic Load Balancing's default policy, which accepts TLS older than 1.3; name a TLS 1.3-only policy (ELBSecurityPolicy-TLS13-1-3-*)`);
    } else {
        const problem = elbPolicyVersionProblem(String(policy), 1.3);
        if (problem) {
            problems.push(`${problem} (${AWS_LB_ANNOTATIONS.sslPolicy})`);
        }
    }
    const backend = annotations[AWS_LB_ANNOTATIONS.backendProtocol];
    if (backend !== "ssl") {
        problems.push(`forwards to its pods unencrypted (${AWS_LB_ANNOTATIONS.backendProtocol} ${backend === undefined ? "unset" : String(backend)}); set it to ssl, with pods serving TLS`);
    }
    return problems;
}

/** A Redis tls-protocols value enabling TLS 1.3 only (Redis reads space-separated names in any case). */
function onlyTls13(protocols: string | undefined): boolean {
    const names = (protocols ?? "").split(/\s+/).map((name) => name.replace(/^["']|["']$/g, "").toLowerCase()).filter((name) => name !== "");
    return names.length > 0 && names.every((name) => name === "tlsv1.3");
}

export default automatedRule({
    name: "tls13-everywhere",
    items: ["VA-11.1.3", "VA-11.2.2"],
    description:
        "PHI travels over TLS 1.3 only: every HTTPS/TLS listener uses a TLS 1.3-only ELB policy (ELBSecurityPolicy-TLS13-1-3-*) and forwards (default actions and listener rules) only to target groups of the program that use HTTPS (application load balancer) or TLS (network load balancer), so PHI does not cross the VPC in plaintext (a forward to a literal target group ARN fails: its protocol cannot be shown); every Kubernetes Service of type LoadBalancer with the aws-load-balancer-ssl-cert annotation gets a network load balancer (aws-load-balancer-type nlb; a Classic one offers TLS 1.2 at most) whose aws-load-balancer-ssl-negotiation-policy is a TLS 1.3-only ELB policy (none named: ELB's default, which accepts older versions) and whose aws-load-balancer-backend-protocol is ssl (else it forwards to the pods in plaintext); nginx servers with ssl enable only TLSv1.3, and every nginx proxy_pass on the VoiceAssist servers to a remote upstream (not 127.0.0.1, localhost, ::1 or a unix socket) is https:// with proxy_ssl_verify on and proxy_ssl_protocols TLSv1.3 only, as nginx inherits them (its default is TLSv1.2 TLSv1.3, unverified); every PostgreSQL database forces TLS (rds.force_ssl 1) with ssl_min_protocol_version TLSv1.3 in its parameter group; the Redis release has tls.enabled and its effective configuration (commonConfiguration, master.configuration, master.extraFlags) sets tls-protocols \"TLSv1.3\" (Redis otherwise accepts TLS 1.2); the Qdrant release serves TLS (config.service.enable_tls).",
    severity: "critical",
    remediationSteps:
        "The kit sets `readiness-kit:voiceassistSslPolicy` to ELBSecurityPolicy-TLS13-1-3-2021-06, forwards to nginx on the host through an HTTPS target group on 443 (nginx serving TLS 1.3), proxies from nginx to api.voiceassist.internal over https:// with proxy_ssl_verify on and proxy_ssl_protocols TLSv1.3, gives the api-gateway Service (an internal NLB) aws-load-balancer-ssl-negotiation-policy ELBSecurityPolicy-TLS13-1-3-2021-06 and aws-load-balancer-backend-protocol ssl with pods serving TLS, sets rds.force_ssl=1 and ssl_min_protocol_version=TLSv1.3 in the database parameter group, tls.enabled on Redis with `tls-protocols \"TLSv1.3\"` in its commonConfiguration, and config.service.enable_tls on Qdrant. In your own program, set the same: give every target group behind an HTTPS or TLS listener (or its listener rules) protocol HTTPS (ALB) or TLS (NLB) with targets that serve TLS 1.3, annotate LoadBalancer Services with a certificate as above (aws-load-balancer-type nlb), and give every nginx proxy_pass leaving the host https://, proxy_ssl_verify on (with proxy_ssl_trusted_certificate) and proxy_ssl_protocols TLSv1.3.",
    validate: (context) => {
        eachTlsEndpoint(context, {
            listener: (listener) => {
                const problem = listenerVersionProblem(listener, 1.3);
                if (problem) {
                    context.report(problem, listener);
                }
                for (const group of forwardTargets(context.resources, listener)) {
                    const protocol = unencryptedHop(group);
                    if (protocol !== undefined) {
                        context.report(`forwards listener "${listener.name}" traffic to its targets unencrypted (target group protocol ${protocol})`, group);
                    }
                }
                // A literal target group ARN: nothing shows the hop behind it is encrypted.
                for (const forwarding of foreignForwards(context.resources, listener)) {
                    context.report(`forwards listener "${listener.name}" traffic to a target group this program does not create, whose protocol cannot be shown`, forwarding);
                }
            },
            nginx: (entry) => {
                const problem = nginxVersionProblem(entry, 1.3);
                if (problem) {
                    context.report(problem, entry.source);
                }
            },
        });
        for (const service of loadBalancerServices(context.resources).filter(requestsBalancerTls)) {
            for (const problem of serviceBalancerProblems(service)) {
                context.report(`${describeObject(service)} ${problem}`, service);
            }
        }
        // nginx on the servers re-encrypts what it proxies off the host.
        for (const host of appHosts(context.resources)) {
            const cloud = cloudConfigOf(host.instance);
            if ("config" in cloud) {
                for (const problem of nginxUpstreamProblems(nginxConfig(cloud.config), 1.3)) {
                    context.report(problem, cloud.source);
                }
            }
        }
        const databases = postgresDatabases(context.resources);
        if (databases.length === 0) {
            context.report("no PostgreSQL database exists whose connections could be shown to use TLS 1.3");
        }
        for (const database of databases) {
            const parameters = parametersOf(parameterGroupOf(database));
            if (parameters.get("rds.force_ssl") !== "1") {
                context.report("accepts unencrypted connections (rds.force_ssl is not 1 in its parameter group)", database);
            }
            if (parameters.get("ssl_min_protocol_version") !== "TLSv1.3") {
                context.report(`accepts TLS ${parameters.get("ssl_min_protocol_version") ?? "1.2 (the default ssl_min_protocol_version)"}; TLSv1.3 is required`, database);
            }
        }
        for (const release of redisReleases(context.resources)) {
            if (!redisTlsEnabled(release)) {
                context.report("serves Redis without TLS (tls.enabled)", release);
                continue;
            }
            // tls.enabled alone keeps Redis' default tls-protocols "TLSv1.2 TLSv1.3".
            const effective = redisConfig(context.resources, release);
            if (effective.problem !== undefined) {
                context.report(effective.problem, release);
                continue;
            }
            const protocols = redisSetting(effective.config, "tls-protocols");
            if (!onlyTls13(protocols)) {
                context.report(`accepts ${protocols === undefined ? 'TLS 1.2 (Redis\' default tls-protocols "TLSv1.2 TLSv1.3")' : `tls-protocols ${protocols}`}; set tls-protocols "TLSv1.3" in the chart's commonConfiguration`, release);
            }
        }
        for (const release of qdrantReleases(context.resources).filter((entry) => !isTrue(valueAt(entry, "config.service.enable_tls")))) {
            context.report("serves Qdrant without TLS (config.service.enable_tls)", release);
        }
    },
});

// Where a program terminates TLS, and what each endpoint offers: HTTPS/TLS listeners of load
// balancers (stack-wide) and nginx servers listening with ssl on hosts. Each check returns what is
// wrong, so that both packs judge endpoints with the same words and no rule logic is written twice.
import { PolicyResource } from "@pulumi/policy";
import { CloudConfig, filesOf, packagesOf } from "./cloud-init";
import { LISTENER_TYPES, applicationLoadBalancers, isAmazonIssued, isImported, isInternetFacing, isPrivateCaIssued, listenerCertificates, listenerProtocol, listenersReaching, networkLoadBalancers, validationsOf } from "./edge";
import { Host } from "./hosts";
import { admitting, hostGroups, hostGroupsReadable, ingressRules, publicCidrs } from "./network";
import { Directive, effective, httpContext, listens, nginxConfig, proxyPasses, proxyUpstream, servers } from "./nginx";
import { ofType, referenced } from "./resources";
import { simpleCommands } from "./systemd";
import { NGINX_DEFAULT_CIPHERS, NGINX_DEFAULT_PROTOCOLS, NGINX_DEFAULT_PROXY_PROTOCOLS, elbPolicy, oldestProtocol, unknownProtocols, weakSuites } from "./tls";

export const NO_TLS_ENDPOINT = "nothing terminates TLS: no HTTPS listener and no nginx server listening with ssl";

export function tlsListeners(resources: PolicyResource[]): PolicyResource[] {
    return ofType(resources, ...LISTENER_TYPES).filter((listener) => ["HTTPS", "TLS"].includes(String(listener.props.protocol ?? "").toUpperCase()));
}

export interface NginxTls {
    server: Directive;
    chain: Directive[];
    name: string;
    config: CloudConfig;
    source: PolicyResource;
    host: Host;
}

/** nginx servers of a host's boot document that listen with ssl. */
export function nginxTlsServers(host: Host, config: CloudConfig, source: PolicyResource): NginxTls[] {
    const nginx = nginxConfig(config);
    const http = httpContext(nginx);
    return servers(nginx)
        .filter((candidate) => listens(candidate).some((listen) => listen.ssl))
        .map((server) => ({ server, chain: [http, server], name: effective([server], "server_name")[0]?.args.join(" ") ?? "(unnamed)", config, source, host }));
}

/**
 * When an nginx server counts as reached only through load balancers (reachedOnlyThroughBalancers),
 * in the words of the rules that exempt it.
 */
export const BALANCER_ONLY_NGINX =
    "An nginx server that only load balancers reach serves the hop inside the VPC: clients get the listener's certificate, so it is judged there. It counts as such when, on each of its ssl ports, an HTTPS listener of an internet-facing application load balancer forwards to a target group holding its host on that port, no network load balancer listener other than TLS passes that port through to it (its clients would get nginx's own certificate), and every security group of its host (instance, launch template, network interfaces) is a security group of this program whose rules can be read (not a literal group id, not the VPC's default group), none admitting the port from a public address or a prefix list.";

/**
 * Only load balancers reach the nginx server (BALANCER_ONLY_NGINX): clients then get the load
 * balancer's certificate, judged on its listener; the host's certificate only protects the hop
 * inside the VPC, which the load balancer does not validate, so who signed it, its chain and its
 * renewal are not what the items ask about. A network load balancer's TCP listener passes TLS
 * through, so its clients do get nginx's certificate; a TLS listener terminates it.
 */
export function reachedOnlyThroughBalancers(resources: PolicyResource[], entry: NginxTls): boolean {
    if (!hostGroupsReadable(resources, entry.host)) {
        return false;
    }
    const terminated = listenersReaching(resources, entry.host, applicationLoadBalancers(resources).filter(isInternetFacing))
        .filter(({ listener }) => listenerProtocol(listener) === "HTTPS")
        .flatMap(({ ports }) => ports);
    const passedThrough = listenersReaching(resources, entry.host, networkLoadBalancers(resources))
        .filter(({ listener }) => listenerProtocol(listener) !== "TLS")
        .flatMap(({ ports }) => ports);
    const rules = ingressRules(resources);
    const groups = hostGroups(resources, entry.host);
    return listens(entry.server)
        .filter((listen) => listen.ssl)
        .every(
            ({ port }) =>
                terminated.includes(port) &&
                !passedThrough.includes(port) &&
                admitting(rules, groups, { protocol: "tcp", fromPort: port, toPort: port }).every((rule) => publicCidrs(rule).length === 0 && !rule.prefixList),
        );
}

export function listenerPolicyName(listener: PolicyResource): string | undefined {
    return typeof listener.props.sslPolicy === "string" ? listener.props.sslPolicy : undefined;
}

/** The listener's policy accepts nothing older than `minVersion`. */
export function listenerVersionProblem(listener: PolicyResource, minVersion: number): string | undefined {
    return elbPolicyVersionProblem(listenerPolicyName(listener), minVersion);
}

/** The ELB security policy (by name; undefined: the API's default) accepts nothing older than `minVersion`. */
export function elbPolicyVersionProblem(name: string | undefined, minVersion: number): string | undefined {
    const profile = elbPolicy(name);
    if (!profile) {
        return `uses security policy ${name}, which the policy table does not know; use a documented ELBSecurityPolicy-TLS13-* policy`;
    }
    if (profile.minVersion < minVersion) {
        return `uses ${name ?? "the default ELBSecurityPolicy-2016-08"}, which accepts TLS ${profile.minVersion.toFixed(1)}; TLS ${minVersion} or newer is required`;
    }
    return undefined;
}

/** The ssl_protocols names in effect for the nginx server (Ubuntu's default when none is set). */
export function nginxProtocols(entry: NginxTls): { protocols: string[]; set: boolean } {
    const set = effective(entry.chain, "ssl_protocols")[0]?.args;
    return { protocols: set ?? NGINX_DEFAULT_PROTOCOLS, set: set !== undefined };
}

/** ssl_protocols names nginx would reject, or an empty list: then nothing shows what is served. */
export function nginxProtocolNameProblem(entry: NginxTls): string | undefined {
    const { protocols } = nginxProtocols(entry);
    const unknown = unknownProtocols(protocols);
    if (protocols.length === 0) {
        return `nginx server ${entry.name} sets ssl_protocols without a protocol, which nginx refuses`;
    }
    if (unknown.length > 0) {
        return `nginx server ${entry.name} sets ssl_protocols ${protocols.join(" ")}, naming ${unknown.join(", ")}, which nginx does not know (it refuses the configuration)`;
    }
    return undefined;
}

/** The nginx server enables nothing older than `minVersion`. */
export function nginxVersionProblem(entry: NginxTls, minVersion: number): string | undefined {
    const nameProblem = nginxProtocolNameProblem(entry);
    if (nameProblem) {
        return nameProblem;
    }
    const { protocols, set } = nginxProtocols(entry);
    if ((oldestProtocol(protocols) ?? 0) < minVersion) {
        return `nginx server ${entry.name} accepts ${protocols.join(" ")}${set ? "" : " (Ubuntu's default)"}; only TLSv${minVersion} and newer are allowed`;
    }
    return undefined;
}

/**
 * Why nginx's proxy_pass to a remote upstream does not use verified TLS of `minVersion` and newer
 * only: the URL is https://, proxy_ssl_verify is on and proxy_ssl_protocols (nginx's default
 * TLSv1.2 TLSv1.3 when unset) enables nothing older, each as nginx inherits them from enclosing
 * blocks. A loopback upstream (127.0.0.1, localhost, ::1, a unix socket) is on the host itself.
 */
export function nginxUpstreamProblems(nginx: Directive[], minVersion: number): string[] {
    return proxyPasses(nginx).flatMap((proxy) => {
        const { scheme, loopback } = proxyUpstream(nginx, proxy.url);
        if (loopback) {
            return [];
        }
        const location = [...proxy.chain].reverse().find((block) => block.name === "location");
        const where = `nginx server ${effective([proxy.server], "server_name")[0]?.args.join(" ") ?? "(unnamed)"}${location ? ` (location ${location.args.join(" ")})` : ""} proxies to ${proxy.url}`;
        if (scheme !== "https") {
            return [`${where}, a remote upstream, without TLS; use https:// with proxy_ssl_verify on and proxy_ssl_protocols TLSv${minVersion}`];
        }
        const problems: string[] = [];
        const verify = effective(proxy.chain, "proxy_ssl_verify")[0]?.args[0];
        if (verify?.toLowerCase() !== "on") {
            problems.push(`${where} without verifying its certificate (proxy_ssl_verify ${verify ?? "off, nginx's default"}); set proxy_ssl_verify on`);
        }
        const set = effective(proxy.chain, "proxy_ssl_protocols")[0]?.args;
        const protocols = set ?? NGINX_DEFAULT_PROXY_PROTOCOLS;
        const unknown = unknownProtocols(protocols);
        if (protocols.length === 0 || unknown.length > 0) {
            problems.push(`${where} with proxy_ssl_protocols ${protocols.join(" ") || "(none)"}, ${unknown.length > 0 ? `naming ${unknown.join(", ")}, which nginx does not know` : "naming no protocol"} (nginx refuses the configuration)`);
        } else if ((oldestProtocol(protocols) ?? 0) < minVersion) {
            problems.push(`${where} accepting ${protocols.join(" ")}${set ? "" : " (nginx's default proxy_ssl_protocols)"}; only TLSv${minVersion} and newer are allowed`);
        }
        return problems;
    });
}

/** The listener offers only forward-secret AEAD suites. */
export function listenerCipherProblem(listener: PolicyResource, allowedPolicies: string[]): string | undefined {
    const name = listenerPolicyName(listener);
    if ((name && allowedPolicies.includes(name)) || elbPolicy(name)?.strong) {
        return undefined;
    }
    return `uses ${name ?? "the default ELBSecurityPolicy-2016-08"}, which also offers CBC or non-forward-secret suites`;
}

export function nginxCipherProblem(entry: NginxTls): string | undefined {
    const ciphers = effective(entry.chain, "ssl_ciphers")[0]?.args.join(":") ?? NGINX_DEFAULT_CIPHERS;
    const weak = weakSuites(ciphers);
    return weak.length > 0 ? `nginx server ${entry.name} offers ${weak.join(", ")}; only ECDHE/DHE AEAD suites are allowed` : undefined;
}

export interface Finding {
    message: string;
    resource?: PolicyResource;
}

const SELF_SIGNED = "tls:index/selfSignedCert:SelfSignedCert";
const LOCALLY_SIGNED = "tls:index/locallySignedCert:LocallySignedCert";

/**
 * The listener serves an ACM certificate a public CA signs: Amazon-issued (no private CA) and
 * validated. An ACM Private CA certificate, or one signed by the program itself, is trusted by no
 * browser; an imported certificate's body shows nothing about who signed it, so it is not shown
 * publicly trusted. Only the certificates the listener serves are judged, so a program's other
 * certificates (e.g. the PBX's internal SIP-TLS CA) do not count.
 */
export function certificateTrustFindings(resources: PolicyResource[], listener: PolicyResource): Finding[] {
    const certificates = listenerCertificates(listener);
    if (certificates.length === 0) {
        return [{ message: "serves a certificate that is not an ACM certificate of this program", resource: listener }];
    }
    return certificates.flatMap((certificate): Finding[] => {
        if (isPrivateCaIssued(certificate)) {
            return [{ message: "is issued by an ACM Private CA (certificateAuthorityArn), which browsers do not trust; request a public certificate (validationMethod DNS)", resource: certificate }];
        }
        if (isAmazonIssued(certificate)) {
            return validationsOf(resources, certificate).length === 0 ? [{ message: "is never validated (no aws:acm/certificateValidation), so it may stay pending", resource: certificate }] : [];
        }
        const signers = referenced(certificate, "certificateBody").map((dependency) => dependency.type);
        if (signers.includes(SELF_SIGNED)) {
            return [{ message: "is self-signed, so clients do not trust it", resource: certificate }];
        }
        if (signers.includes(LOCALLY_SIGNED)) {
            return [{ message: "is signed by a private CA of this program (tls.LocallySignedCert), which clients do not trust", resource: certificate }];
        }
        return [{ message: "is imported (certificateBody), so nothing in the program shows that a public CA signed it; use an Amazon-issued certificate validated by DNS", resource: certificate }];
    });
}

export function certificateChainFindings(listener: PolicyResource): Finding[] {
    return listenerCertificates(listener)
        // ACM adds the chain to the certificates it issues (public or private CA); imported ones carry their own.
        .filter((certificate) => isImported(certificate) && !("certificateChain" in certificate.props))
        .map((certificate) => ({ message: "is imported without certificateChain, so clients cannot build the chain to the root", resource: certificate }));
}

export function nginxChainProblems(entry: NginxTls): string[] {
    return effective(entry.chain, "ssl_certificate").flatMap((directive) => {
        const path = directive.args[0] ?? "";
        const written = filesOf(entry.config).get(path);
        const complete = path.endsWith("/fullchain.pem") || (written !== undefined && (written.content.match(/-----BEGIN CERTIFICATE-----/g) ?? []).length > 1);
        return complete ? [] : [`nginx server ${entry.name} serves ${path}, which is not a full chain (use fullchain.pem)`];
    });
}

/** ACM renews the listener's certificates: Amazon-issued, DNS-validated with records in Route 53. */
export function certificateRenewalFindings(resources: PolicyResource[], listener: PolicyResource): Finding[] {
    return listenerCertificates(listener).flatMap((certificate): Finding[] => {
        if (isImported(certificate)) {
            return [{ message: "is imported, and ACM never renews imported certificates", resource: certificate }];
        }
        if (isPrivateCaIssued(certificate)) {
            // ACM's managed renewal covers certificates it issued from an ACM Private CA (no validation involved).
            return [];
        }
        if (certificate.props.validationMethod !== "DNS") {
            return [{ message: `is validated by ${certificate.props.validationMethod ?? "EMAIL"}, which needs a person at every renewal; use DNS`, resource: certificate }];
        }
        if (!validationsOf(resources, certificate).some((validation) => referenced(validation, "validationRecordFqdns").some((record) => record.type === "aws:route53/record:Record"))) {
            return [{ message: "has no DNS validation record in Route 53 that ACM could renew it with", resource: certificate }];
        }
        return [];
    });
}

/** nginx serves a certbot certificate that certbot renews and a deploy hook reloads. */
export function nginxRenewalProblem(entry: NginxTls): string | undefined {
    const letsEncrypt = effective(entry.chain, "ssl_certificate").some((directive) => (directive.args[0] ?? "").startsWith("/etc/letsencrypt/"));
    if (!letsEncrypt) {
        return `nginx server ${entry.name} serves a certificate that no renewal process manages (not certbot's /etc/letsencrypt)`;
    }
    const hooked = simpleCommands(entry.config).some((command) => /^certbot\b/.test(command) && /--deploy-hook/.test(command) && /nginx/.test(command));
    if (!packagesOf(entry.config).some((pkg) => pkg.startsWith("certbot")) || !hooked) {
        return `nginx server ${entry.name} uses a Let's Encrypt certificate without certbot installed and a deploy hook reloading nginx`;
    }
    return undefined;
}

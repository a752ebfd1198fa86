// SSL/TLS (4.1, 4.2.3-4, 4.3, 11.1.3, 11.2.2): certificates, protocol versions, ciphers, HTTPS everywhere.
import autoRenewal from "../../../policies/voiceassist/rules/tls/auto-renewal";
import certificateChain from "../../../policies/voiceassist/rules/tls/certificate-chain";
import certificateInstalled from "../../../policies/voiceassist/rules/tls/certificate-installed";
import expiryMonitoring from "../../../policies/voiceassist/rules/tls/expiry-monitoring";
import httpsEverywhere from "../../../policies/voiceassist/rules/tls/https-everywhere";
import privateKeySecured from "../../../policies/voiceassist/rules/tls/private-key-secured";
import publicCertificate from "../../../policies/voiceassist/rules/tls/public-certificate";
import strongCiphers from "../../../policies/voiceassist/rules/tls/strong-ciphers";
import tls13Everywhere from "../../../policies/voiceassist/rules/tls/tls13-everywhere";
import tlsVersions from "../../../policies/voiceassist/rules/tls/tls-versions";
import { Environment } from "../../helpers/environment";
import { describeRule, run } from "./cases";
import { DOMAIN, UNKNOWN } from "./environment";

const HTTPS = 'aws:lb/listener:Listener "https"';
const SITE = "/etc/nginx/conf.d/voiceassist.conf";
/** No load balancer listener and no nginx site: nothing terminates TLS. */
const noTlsEndpoint = (env: Environment) => env.remove("https", "http").removeFile(SITE);
const selfSigned = (env: Environment) => {
    env.add("tls:index/selfSignedCert:SelfSignedCert", "self-signed", { privateKeyPem: "<key>", validityPeriodHours: 8760 });
    env.add("aws:acm/certificate:Certificate", "imported", { certificateBody: "<pem>", privateKey: "<key>" }, { certificateBody: ["self-signed"] });
    env.depend("https", "certificateArn", ["imported"]);
};

const CERT = 'aws:acm/certificate:Certificate "cert"';
const LT = 'aws:ec2/launchTemplate:LaunchTemplate "app-lt"';
/** An nginx server on the VoiceAssist host terminating TLS with certbot's certificate. */
const tlsServer = (extra: string) => (env: Environment) =>
    env.file(
        "/etc/nginx/conf.d/admin.conf",
        `server {\n    listen 8443 ssl;\n    server_name admin.example.com;\n    ssl_certificate /etc/letsencrypt/live/admin.example.com/fullchain.pem;\n    ssl_certificate_key /etc/letsencrypt/live/admin.example.com/privkey.pem;\n${extra}}\n`,
    );

// The compliant environment has the kit's shape: nginx serves the load balancer over TLS with a key
// it makes at boot, and only the load balancer's group may connect. Opened to the internet, nginx's
// own certificate is what clients get.
const hopOpenToInternet = (env: Environment) =>
    env.add("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "app-https-anywhere", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }, { securityGroupId: ["app-sg"] });

/** An internet-facing network load balancer passing TCP 443 through to nginx on the host. */
const tcpPassthroughToNginx = (env: Environment) =>
    env
        .add("aws:lb/loadBalancer:LoadBalancer", "nlb", { loadBalancerType: "network", internal: false })
        .add("aws:lb/targetGroup:TargetGroup", "nlb-nginx", { port: 443, protocol: "TCP", targetType: "instance" })
        .add("aws:lb/targetGroupAttachment:TargetGroupAttachment", "nlb-nginx-attachment", { targetGroupArn: "<tg arn>", targetId: "<instance id>", port: 443 }, { targetGroupArn: ["nlb-nginx"], targetId: ["app"] })
        .add("aws:lb/listener:Listener", "nlb-443", { loadBalancerArn: "<nlb arn>", port: 443, protocol: "TCP", defaultActions: [{ type: "forward", targetGroupArn: "<tg arn>" }] }, { loadBalancerArn: ["nlb"], defaultActions: ["nlb-nginx"] });
/** The host is also in a security group the program does not create, whose rules cannot be read. */
const literalHostGroup = (env: Environment) => env.set("app", "vpcSecurityGroupIds", ["<app sg id>", "sg-0123456789abcdef0"]);
const NGINX_SELF_SIGNED = /nginx server voiceassist\.example\.com serves \/etc\/nginx\/tls\/voiceassist\.crt, not a Let's Encrypt certificate/;

describeRule({
    rule: publicCertificate,
    fails: [
        { when: "the host is also in a literal security group", change: literalHostGroup, message: NGINX_SELF_SIGNED, resource: "app-lt" },
        // Clients of the network load balancer get nginx's own certificate.
        { when: "an internet-facing network load balancer passes TCP 443 through to nginx", change: tcpPassthroughToNginx, message: NGINX_SELF_SIGNED, resource: "app-lt" },
        { when: "the load balancer's hop is also open to the internet", change: hopOpenToInternet, message: /nginx server voiceassist\.example\.com serves \/etc\/nginx\/tls\/voiceassist\.crt, not a Let's Encrypt certificate/, resource: "app-lt" },
        { when: "the certificate is self-signed", change: selfSigned, message: 'aws:acm/certificate:Certificate "imported": is self-signed, so clients do not trust it', resource: "imported" },
        { when: "the certificate comes from an ACM Private CA", change: (env) => env.set("cert", "certificateAuthorityArn", "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/abc").set("cert", "validationMethod", undefined), message: `${CERT}: is issued by an ACM Private CA (certificateAuthorityArn), which browsers do not trust; request a public certificate (validationMethod DNS)`, resource: "cert" },
        {
            when: "the imported certificate is signed by a CA of the program",
            change: (env) => {
                env.add("tls:index/locallySignedCert:LocallySignedCert", "locally-signed", { validityPeriodHours: 8760 });
                env.add("aws:acm/certificate:Certificate", "imported", { certificateBody: "<pem>", privateKey: "<key>" }, { certificateBody: ["locally-signed"] });
                env.depend("https", "certificateArn", ["imported"]);
            },
            message: 'aws:acm/certificate:Certificate "imported": is signed by a private CA of this program (tls.LocallySignedCert), which clients do not trust',
            resource: "imported",
        },
        {
            when: "the imported certificate's body is read from a file",
            change: (env) => env.add("aws:acm/certificate:Certificate", "imported", { certificateBody: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", privateKey: "<key>", certificateChain: "<chain>" }).depend("https", "certificateArn", ["imported"]),
            message: /"imported": is imported \(certificateBody\), so nothing in the program shows that a public CA signed it/,
            resource: "imported",
        },
        { when: "the certificate is never validated", change: (env) => env.remove("cert-validation").depend("https", "certificateArn", ["cert"]), message: /is never validated/, resource: "cert" },
        { when: "nothing terminates TLS", change: noTlsEndpoint, message: /^nothing terminates TLS/ },
    ],
    unknown: (env) => env.set("https", "protocol", UNKNOWN),
});

describeRule({
    rule: certificateInstalled,
    fails: [
        { when: "the host is also in a literal security group", change: literalHostGroup, message: /reads ssl_certificate from \/etc\/nginx\/tls\/voiceassist\.crt, not from \/etc\/letsencrypt\/live\//, resource: "app-lt" },
        { when: "an internet-facing network load balancer passes TCP 443 through to nginx", change: tcpPassthroughToNginx, message: /reads ssl_certificate from \/etc\/nginx\/tls\/voiceassist\.crt/, resource: "app-lt" },
        { when: "the load balancer's hop is also open to the internet", change: hopOpenToInternet, message: /reads ssl_certificate from \/etc\/nginx\/tls\/voiceassist\.crt, not from \/etc\/letsencrypt\/live\//, resource: "app-lt" },
        { when: "the listener serves a certificate from outside the program", change: (env) => env.depend("https", "certificateArn", []), message: `${HTTPS}: serves no ACM certificate of this program (certificateArn)`, resource: "https" }],
    unknown: (env) => env.set("https", "protocol", UNKNOWN),
});

describeRule({
    rule: certificateChain,
    fails: [
        { when: "an imported certificate has no chain", change: selfSigned, message: /is imported without certificateChain/, resource: "imported" },
        { when: "the load balancer's hop is also open to the internet", change: hopOpenToInternet, message: /serves \/etc\/nginx\/tls\/voiceassist\.crt, which is not a full chain/, resource: "app-lt" },
    ],
    unknown: (env) => env.set("https", "protocol", UNKNOWN),
});

describeRule({
    rule: privateKeySecured,
    fails: [
        { when: "a key is in the user data", change: (env) => env.file("/etc/ssl/private/site.key", "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n"), message: /carries a private key in its user data \(\/etc\/ssl\/private\/site\.key\)/, resource: "app-lt" },
        { when: "a key is in a ConfigMap", change: (env) => env.set("app-config", "data.TLS_KEY", "-----BEGIN RSA PRIVATE KEY-----\nabc"), message: /holds a private key in a ConfigMap/, resource: "app-config" },
    ],
    unknown: (env) => env.set("app-lt", "userData", UNKNOWN),
});

describeRule({
    rule: autoRenewal,
    fails: [
        { when: "the certificate is validated by e-mail", change: (env) => env.set("cert", "validationMethod", "EMAIL"), message: /is validated by EMAIL, which needs a person at every renewal/, resource: "cert" },
        { when: "the load balancer's hop is also open to the internet", change: hopOpenToInternet, message: /serves a certificate that no renewal process manages/, resource: "app-lt" },
    ],
    unknown: (env) => env.set("cert", "validationMethod", UNKNOWN),
});

describeRule({
    rule: expiryMonitoring,
    fails: [
        { when: "no alarm watches the certificate", change: (env) => env.remove("cert-expiry"), message: 'no CloudWatch alarm watches expiry of certificate "cert"' },
        { when: "the alarm fires 7 days before expiry", change: (env) => env.set("cert-expiry", "threshold", 7), message: /fires below 7 days; it must fire below 30 days at the latest/, resource: "cert-expiry" },
    ],
    unknown: (env) => env.set("cert-expiry", "threshold", UNKNOWN),
});

describeRule({
    rule: tlsVersions,
    passes: [
        { when: "the policy allows TLS 1.2 and 1.3", change: (env) => env.set("https", "sslPolicy", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06") },
        { when: "nginx names TLS 1.2 and 1.3 in lower case", change: tlsServer("    ssl_protocols tlsv1.2 tlsv1.3;\n") },
    ],
    fails: [
        { when: "nginx enables TLS 1.0 written in lower case", change: tlsServer("    ssl_protocols tlsv1 TLSv1.2 TLSv1.3;\n"), message: `${LT}: nginx server admin.example.com accepts tlsv1 TLSv1.2 TLSv1.3; only TLSv1.2 and newer are allowed`, resource: "app-lt" },
        { when: "nginx does not enable TLS 1.3", change: tlsServer("    ssl_protocols TLSv1.2;\n"), message: `${LT}: nginx server admin.example.com does not enable TLSv1.3` },
        { when: "ssl_protocols names a protocol nginx does not know", change: tlsServer("    ssl_protocols TLSv1.2 TLSv13;\n"), message: /sets ssl_protocols TLSv1\.2 TLSv13, naming TLSv13, which nginx does not know/ },
        { when: "the policy allows TLS 1.0", change: (env) => env.set("https", "sslPolicy", "ELBSecurityPolicy-2016-08"), message: `${HTTPS}: uses ELBSecurityPolicy-2016-08, which accepts TLS 1.0; TLS 1.2 or newer is required`, resource: "https" },
        { when: "the policy has no TLS 1.3", change: (env) => env.set("https", "sslPolicy", "ELBSecurityPolicy-TLS-1-2-2017-01"), message: /does not offer TLS 1\.3/ },
    ],
    unknown: (env) => env.set("https", "sslPolicy", UNKNOWN),
});

describeRule({
    rule: strongCiphers,
    fails: [{ when: "the policy offers CBC suites", change: (env) => env.set("https", "sslPolicy", "ELBSecurityPolicy-TLS13-1-2-2021-06"), message: /which also offers CBC or non-forward-secret suites/, resource: "https" }],
    unknown: (env) => env.set("https", "sslPolicy", UNKNOWN),
});

const REDIS = 'kubernetes:helm.sh/v3:Release "redis"';
const TARGETS = 'aws:lb/targetGroup:TargetGroup "app-web"';
/** An internet-facing network load balancer terminating TLS 1.3 and forwarding to a target group of `protocol`. */
const tlsNetworkBalancer = (protocol: string) => (env: Environment) =>
    env
        .add("aws:lb/loadBalancer:LoadBalancer", "nlb", { loadBalancerType: "network", internal: false })
        .add("aws:lb/targetGroup:TargetGroup", "nlb-targets", { port: 443, protocol, targetType: "instance" })
        .add(
            "aws:lb/listener:Listener",
            "nlb-tls",
            { loadBalancerArn: "<nlb arn>", port: 443, protocol: "TLS", sslPolicy: "ELBSecurityPolicy-TLS13-1-3-2021-06", certificateArn: "<cert arn>", defaultActions: [{ type: "forward", targetGroupArn: "<tg arn>" }] },
            { loadBalancerArn: ["nlb"], certificateArn: ["cert-validation"], defaultActions: ["nlb-targets"] },
        );
/** The HTTPS listener forwards to a Lambda function's target group instead of the host's. */
const lambdaTargets = (env: Environment) =>
    env.add("aws:lb/targetGroup:TargetGroup", "fn-targets", { targetType: "lambda" }).depend("https", "defaultActions", ["fn-targets"]);
/** A listener rule of `listener` forwarding /api/* to a new target group of `protocol`. */
const listenerRule = (listener: string, action: Record<string, unknown>, protocol?: string) => (env: Environment) => {
    if (protocol) {
        env.add("aws:lb/targetGroup:TargetGroup", "api-targets", { port: 443, protocol, targetType: "instance" });
    }
    return env.add(
        "aws:lb/listenerRule:ListenerRule",
        "api-rule",
        { listenerArn: "<listener arn>", priority: 10, conditions: [{ pathPattern: { values: ["/api/*"] } }], actions: [action] },
        { listenerArn: [listener], ...(protocol ? { actions: ["api-targets"] } : {}) },
    );
};
const forwardRule = (listener: string, protocol: string) => listenerRule(listener, { type: "forward", targetGroupArn: "<tg arn>" }, protocol);
const redirectRule = (listener: string) => listenerRule(listener, { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } });

const SERVICE = 'kubernetes:core/v1:Service "api-gateway-service"';
const API = "Service voiceassist/api-gateway";
const ANNOTATION = (suffix: string) => ["metadata", "annotations", `service.beta.kubernetes.io/aws-load-balancer-${suffix}`];
/** Sets (or removes, with undefined) an aws-load-balancer-* annotation of the api-gateway Service. */
const annotate = (suffix: string, value: unknown) => (env: Environment) => env.set("api-gateway-service", ANNOTATION(suffix), value);
/** Edits the nginx site the host writes. */
const site = (edit: (text: string) => string) => (env: Environment) => env.editFile(SITE, edit);
const UPSTREAM = "proxy_pass https://api.voiceassist.internal;";
const upstream = (replacement: string) => site((text) => text.replace(UPSTREAM, replacement));
const PROXY_TLS = "        proxy_ssl_verify on;\n        proxy_ssl_verify_depth 2;\n        proxy_ssl_trusted_certificate /etc/ssl/certs/ca-certificates.crt;\n        proxy_ssl_protocols TLSv1.3;\n";
/** The location's upstream TLS settings moved to the server block, which the location inherits. */
const proxyTlsOnServer = site((text) => text.replace(PROXY_TLS, "").replace("    client_max_body_size 25m;\n", `    client_max_body_size 25m;\n${PROXY_TLS.replace(/^ {8}/gm, "    ")}`));
const ROUTE = `${LT}: nginx server ${DOMAIN} (location /) proxies to`;
const redisConf = (edit: (text: string) => string) => (env: Environment) => env.set("redis", "values.commonConfiguration", edit(String((env.spec("redis").props.values as Record<string, unknown>).commonConfiguration)));
const withoutTls13 = redisConf((text) => text.replace('\ntls-protocols "TLSv1.3"', ""));

describeRule({
    rule: tls13Everywhere,
    passes: [
        { when: "nginx enables TLS 1.3 only, in lower case", change: tlsServer("    ssl_protocols tlsv1.3;\n") },
        { when: "Redis gets TLS 1.3 only from master.configuration, in lower case", change: (env) => withoutTls13(env).set("redis", "values.master.configuration", "tls-protocols tlsv1.3") },
        { when: "Redis gets TLS 1.3 only from a command-line flag", change: (env) => withoutTls13(env).set("redis", "values.master.extraFlags", ["--tls-protocols TLSv1.3"]) },
        { when: "a network load balancer's TLS listener forwards to a TLS target group", change: tlsNetworkBalancer("TLS") },
        { when: "the HTTPS listener forwards to a Lambda target group (invoked through the Lambda API)", change: lambdaTargets },
        { when: "the target group's protocol is written in lower case", change: (env) => env.set("app-web", "protocol", "https") },
        { when: "a listener rule of the HTTPS listener forwards to an HTTPS target group", change: forwardRule("https", "HTTPS") },
        { when: "the forward names the program's target group both as targetGroupArn and in forward.targetGroups", change: (env) => env.set("https", "defaultActions.0.forward", { targetGroups: [{ arn: "<tg arn>" }] }) },
        { when: "the target group's ARN is unknown (a first preview)", change: (env) => env.set("https", "defaultActions.0.targetGroupArn", UNKNOWN) },
        // The Service's NLB from the AWS Load Balancer Controller reads the same annotations.
        { when: "the AWS Load Balancer Controller builds the Service's network load balancer", change: annotate("type", "external") },
        { when: "the Service's certificate ARN is unknown (a first preview): the certificate is named", change: annotate("ssl-cert", UNKNOWN) },
        { when: "nginx proxies to the application on the host (loopback)", change: upstream("proxy_pass http://127.0.0.1:8000;") },
        { when: "nginx proxies to localhost over IPv6", change: upstream("proxy_pass http://[::1]:8000;") },
        { when: "nginx proxies to a unix socket", change: upstream("proxy_pass http://unix:/run/voiceassist/api.sock:/;") },
        { when: "nginx proxies to an upstream block of loopback servers", change: (env) => upstream("proxy_pass http://app;")(env).editFile(SITE, (text) => `upstream app {\n    server 127.0.0.1:8000;\n    server localhost:8001 backup;\n}\n\n${text}`) },
        { when: "the location inherits proxy_ssl_verify and proxy_ssl_protocols from its server", change: proxyTlsOnServer },
        { when: "the scheme and proxy_ssl_verify are written in upper case", change: site((text) => text.replace(UPSTREAM, "proxy_pass HTTPS://api.voiceassist.internal;").replace("proxy_ssl_verify on;", "proxy_ssl_verify ON;")) },
    ],
    fails: [
        // tls.enabled alone: Redis accepts its default "TLSv1.2 TLSv1.3".
        { when: "Redis keeps its default tls-protocols", change: withoutTls13, message: `${REDIS}: accepts TLS 1.2 (Redis' default tls-protocols "TLSv1.2 TLSv1.3"); set tls-protocols "TLSv1.3" in the chart's commonConfiguration`, resource: "redis" },
        { when: "Redis enables TLS 1.2 and 1.3", change: redisConf((text) => text.replace('tls-protocols "TLSv1.3"', 'tls-protocols "TLSv1.2 TLSv1.3"')), message: `${REDIS}: accepts tls-protocols TLSv1.2 TLSv1.3; set tls-protocols "TLSv1.3" in the chart's commonConfiguration`, resource: "redis" },
        { when: "master.configuration re-enables TLS 1.2", change: (env) => env.set("redis", "values.master.configuration", 'tls-protocols "TLSv1.2 TLSv1.3"'), message: /accepts tls-protocols TLSv1\.2 TLSv1\.3/, resource: "redis" },
        { when: "Redis reads its configuration from a ConfigMap the program does not create", change: (env) => env.set("redis", "values.existingConfigmap", "redis-conf"), message: /takes its configuration from ConfigMap redis-conf \(existingConfigmap\), which this program does not create/, resource: "redis" },
        { when: "the listener allows TLS 1.2", change: (env) => env.set("https", "sslPolicy", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"), message: `${HTTPS}: uses ELBSecurityPolicy-TLS13-1-2-Res-2021-06, which accepts TLS 1.2; TLS 1.3 or newer is required`, resource: "https" },
        { when: "nginx enables TLS 1.2 written in lower case", change: tlsServer("    ssl_protocols tlsv1.2 TLSv1.3;\n"), message: `${LT}: nginx server admin.example.com accepts tlsv1.2 TLSv1.3; only TLSv1.3 and newer are allowed` },
        { when: "the database accepts TLS 1.2", change: (env) => env.set("db-params", "parameters.8.value", "TLSv1.2"), message: /accepts TLS TLSv1\.2; TLSv1\.3 is required/, resource: "db" },
        { when: "Redis has no TLS", change: (env) => env.set("redis", "values.tls.enabled", false), message: /serves Redis without TLS/, resource: "redis" },
        { when: "Qdrant has no TLS", change: (env) => env.set("qdrant", "values.config.service.enable_tls", false), message: /serves Qdrant without TLS/, resource: "qdrant" },
        // The load balancer decrypts, then would carry PHI to the host in plaintext.
        { when: "the HTTPS listener forwards to an HTTP target group", change: (env) => env.set("app-web", "protocol", "HTTP"), message: `${TARGETS}: forwards listener "https" traffic to its targets unencrypted (target group protocol HTTP)`, resource: "app-web" },
        { when: "the target group states no protocol", change: (env) => env.set("app-web", "protocol", undefined), message: `${TARGETS}: forwards listener "https" traffic to its targets unencrypted (target group protocol unset)`, resource: "app-web" },
        { when: "a network load balancer's TLS listener forwards to a TCP target group", change: tlsNetworkBalancer("TCP"), message: 'aws:lb/targetGroup:TargetGroup "nlb-targets": forwards listener "nlb-tls" traffic to its targets unencrypted (target group protocol TCP)', resource: "nlb-targets" },
        // A target group the program does not create: nothing shows its protocol.
        {
            when: "the HTTPS listener forwards to a literal target group ARN",
            change: (env) => env.set("https", "defaultActions.0.targetGroupArn", "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/legacy/0123456789abcdef").depend("https", "defaultActions", []),
            message: `${HTTPS}: forwards listener "https" traffic to a target group this program does not create, whose protocol cannot be shown`,
            resource: "https",
        },
        {
            when: "a listener rule of the HTTPS listener forwards to a literal target group ARN",
            change: listenerRule("https", { type: "forward", targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/legacy/0123456789abcdef" }),
            message: 'aws:lb/listenerRule:ListenerRule "api-rule": forwards listener "https" traffic to a target group this program does not create, whose protocol cannot be shown',
            resource: "api-rule",
        },
        {
            when: "a weighted forward names a literal target group next to the program's",
            change: (env) => env.set("https", "defaultActions.0", { type: "forward", forward: { targetGroups: [{ arn: "<tg arn>", weight: 90 }, { arn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/legacy/0123456789abcdef", weight: 10 }] } }),
            message: `${HTTPS}: forwards listener "https" traffic to a target group this program does not create, whose protocol cannot be shown`,
            resource: "https",
        },
        // Forwards in listener rules count as the default action's do.
        { when: "a listener rule of the HTTPS listener forwards to an HTTP target group", change: forwardRule("https", "HTTP"), message: 'aws:lb/targetGroup:TargetGroup "api-targets": forwards listener "https" traffic to its targets unencrypted (target group protocol HTTP)', resource: "api-targets" },
        // The api-gateway Service's internal NLB (Kubernetes' AWS cloud provider).
        {
            when: "the Service names no ssl-negotiation-policy (ELB's default accepts older TLS)",
            change: annotate("ssl-negotiation-policy", undefined),
            message: `${SERVICE}: ${API} names no service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy, so its TLS listener gets Elastic Load Balancing's default policy, which accepts TLS older than 1.3; name a TLS 1.3-only policy (ELBSecurityPolicy-TLS13-1-3-*)`,
            resource: "api-gateway-service",
        },
        { when: "the Service's ssl-negotiation-policy allows TLS 1.2", change: annotate("ssl-negotiation-policy", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"), message: `${SERVICE}: ${API} uses ELBSecurityPolicy-TLS13-1-2-Res-2021-06, which accepts TLS 1.2; TLS 1.3 or newer is required (service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy)`, resource: "api-gateway-service" },
        { when: "the Service's ssl-negotiation-policy is not a known ELB policy", change: annotate("ssl-negotiation-policy", "ELBSecurityPolicy-TLS13-Custom"), message: /uses security policy ELBSecurityPolicy-TLS13-Custom, which the policy table does not know/, resource: "api-gateway-service" },
        { when: "the Service names no backend-protocol", change: annotate("backend-protocol", undefined), message: `${SERVICE}: ${API} forwards to its pods unencrypted (service.beta.kubernetes.io/aws-load-balancer-backend-protocol unset); set it to ssl, with pods serving TLS`, resource: "api-gateway-service" },
        { when: "the Service's backend-protocol is tcp", change: annotate("backend-protocol", "tcp"), message: /forwards to its pods unencrypted \(service\.beta\.kubernetes\.io\/aws-load-balancer-backend-protocol tcp\)/, resource: "api-gateway-service" },
        { when: "the Service gets a Classic Load Balancer (no type annotation)", change: annotate("type", undefined), message: `${SERVICE}: ${API} gets a Classic Load Balancer (no service.beta.kubernetes.io/aws-load-balancer-type nlb annotation), which offers TLS 1.2 at most; use a network load balancer`, resource: "api-gateway-service" },
        // nginx's hop from the host to the API gateway's load balancer.
        { when: "nginx proxies to the remote upstream over plain HTTP", change: upstream("proxy_pass http://api.voiceassist.internal;"), message: `${ROUTE} http://api.voiceassist.internal, a remote upstream, without TLS; use https:// with proxy_ssl_verify on and proxy_ssl_protocols TLSv1.3`, resource: "app-lt" },
        { when: "nginx proxies over plain HTTP to a remote address", change: upstream("proxy_pass http://10.0.5.7:8000;"), message: /proxies to http:\/\/10\.0\.5\.7:8000, a remote upstream, without TLS/ },
        { when: "an upstream block mixes a remote server with a loopback one", change: (env) => upstream("proxy_pass http://app;")(env).editFile(SITE, (text) => `upstream app {\n    server 127.0.0.1:8000;\n    server 10.0.5.7:8000;\n}\n\n${text}`), message: /proxies to http:\/\/app, a remote upstream, without TLS/ },
        { when: "nginx proxies to a variable's host over plain HTTP", change: upstream("proxy_pass http://$api_host;"), message: /proxies to http:\/\/\$api_host, a remote upstream, without TLS/ },
        { when: "nginx does not verify the upstream's certificate", change: site((text) => text.replace("proxy_ssl_verify on;", "proxy_ssl_verify off;")), message: `${ROUTE} https://api.voiceassist.internal without verifying its certificate (proxy_ssl_verify off); set proxy_ssl_verify on`, resource: "app-lt" },
        { when: "proxy_ssl_verify is left at nginx's default", change: site((text) => text.replace("        proxy_ssl_verify on;\n", "")), message: /without verifying its certificate \(proxy_ssl_verify off, nginx's default\)/ },
        { when: "nginx offers the upstream TLS 1.2", change: site((text) => text.replace("proxy_ssl_protocols TLSv1.3;", "proxy_ssl_protocols TLSv1.2 TLSv1.3;")), message: `${ROUTE} https://api.voiceassist.internal accepting TLSv1.2 TLSv1.3; only TLSv1.3 and newer are allowed`, resource: "app-lt" },
        { when: "proxy_ssl_protocols is left at nginx's default", change: site((text) => text.replace("        proxy_ssl_protocols TLSv1.3;\n", "")), message: /accepting TLSv1\.2 TLSv1\.3 \(nginx's default proxy_ssl_protocols\); only TLSv1\.3/ },
        { when: "proxy_ssl_protocols names a protocol nginx does not know", change: site((text) => text.replace("proxy_ssl_protocols TLSv1.3;", "proxy_ssl_protocols TLSv13;")), message: /with proxy_ssl_protocols TLSv13, naming TLSv13, which nginx does not know/ },
        // The innermost level that sets a directive wins, as in nginx.
        { when: "the location turns off the verification its server turns on", change: (env) => proxyTlsOnServer(env).editFile(SITE, (text) => text.replace(UPSTREAM, `${UPSTREAM}\n        proxy_ssl_verify off;`)), message: /without verifying its certificate \(proxy_ssl_verify off\)/ },
    ],
    unknown: (env) => env.set("https", "sslPolicy", UNKNOWN),
});

/** An internet-facing network load balancer with one listener. */
const networkBalancer = (protocol: string, port: number) => (env: Environment) =>
    env
        .add("aws:lb/loadBalancer:LoadBalancer", "nlb", { loadBalancerType: "network", internal: false })
        .add("aws:lb/listener:Listener", "nlb-listener", { loadBalancerArn: "<nlb arn>", port, protocol, defaultActions: [{ type: "forward", targetGroupArn: "<tg arn>" }] }, { loadBalancerArn: ["nlb"] });

describeRule({
    rule: httpsEverywhere,
    passes: [
        { when: "a network load balancer terminates TLS", change: (env) => networkBalancer("TLS", 443)(env).set("nlb-listener", "sslPolicy", "ELBSecurityPolicy-TLS13-1-3-2021-06").set("nlb-listener", "certificateArn", "<cert arn>") },
        { when: "an internal network load balancer carries plain TCP", change: (env) => networkBalancer("TCP", 80)(env).set("nlb", "internal", true) },
        { when: "a listener rule of port 80 redirects to HTTPS too", change: redirectRule("http") },
        // The provider's reading of ssl-ports: absent or "*" is every port; names match the port's name.
        { when: "the Service's ssl-ports is unset (every port)", change: annotate("ssl-ports", undefined) },
        { when: "the Service's ssl-ports is *", change: annotate("ssl-ports", "*") },
        { when: "the Service's ssl-ports names the port", change: annotate("ssl-ports", "https") },
    ],
    fails: [
        // A network load balancer cannot redirect, so even port 80 carries plain traffic.
        {
            when: "an internet-facing network load balancer listens on plain TCP 80",
            change: networkBalancer("TCP", 80),
            message: 'aws:lb/listener:Listener "nlb-listener": accepts TCP on port 80 of an internet-facing network load balancer without TLS, which cannot redirect to HTTPS; use protocol TLS',
            resource: "nlb-listener",
        },
        { when: "an internet-facing network load balancer listens on UDP", change: networkBalancer("UDP", 5060), message: /accepts UDP on port 5060 of an internet-facing network load balancer without TLS/, resource: "nlb-listener" },
        { when: "a network load balancer's listener has no protocol", change: (env) => networkBalancer("TCP", 443)(env).set("nlb-listener", "protocol", undefined), message: /accepts \(no protocol\) on port 443/, resource: "nlb-listener" },
        { when: "port 80 serves plain HTTP", change: (env) => env.set("http", "defaultActions", [{ type: "forward", targetGroupArn: "<tg arn>" }]), message: /serves port 80 over plain HTTP without a 301 redirect to HTTPS/, resource: "http" },
        { when: "a listener rule of port 80 forwards plain HTTP", change: forwardRule("http", "HTTP"), message: 'aws:lb/listener:Listener "http": serves port 80 over plain HTTP without a 301 redirect to HTTPS', resource: "http" },
        {
            when: "a LoadBalancer Service exposes plain HTTP",
            change: (env) => env.add("kubernetes:core/v1:Service", "public-api", { metadata: { name: "public-api", namespace: "voiceassist" }, spec: { type: "LoadBalancer", ports: [{ port: 80 }] } }),
            message: 'kubernetes:core/v1:Service "public-api": Service voiceassist/public-api exposes port 80/TCP on its load balancer without TLS: no service.beta.kubernetes.io/aws-load-balancer-ssl-cert annotation names a certificate',
            resource: "public-api",
        },
        // Internal load balancers carry the application across the VPC: no exemption.
        { when: "the internal api-gateway Service has no certificate", change: annotate("ssl-cert", undefined), message: `${SERVICE}: ${API} exposes port 443/TCP (https) on its load balancer without TLS: no service.beta.kubernetes.io/aws-load-balancer-ssl-cert annotation names a certificate`, resource: "api-gateway-service" },
        { when: "the Service's certificate annotation is empty", change: annotate("ssl-cert", ""), message: /exposes port 443\/TCP \(https\) on its load balancer without TLS: no .*ssl-cert annotation names a certificate/, resource: "api-gateway-service" },
        { when: "the Service's ssl-ports lists another port", change: annotate("ssl-ports", "8443"), message: `${SERVICE}: ${API} exposes port 443/TCP (https) on its load balancer without TLS: service.beta.kubernetes.io/aws-load-balancer-ssl-ports "8443" does not list it`, resource: "api-gateway-service" },
        {
            when: "the Service exposes a second port that ssl-ports does not list",
            change: (env) => env.set("api-gateway-service", "spec.ports.1", { name: "http", port: 80, targetPort: 8080, protocol: "TCP" }),
            message: `${SERVICE}: ${API} exposes port 80/TCP (http) on its load balancer without TLS: service.beta.kubernetes.io/aws-load-balancer-ssl-ports "443" does not list it`,
            resource: "api-gateway-service",
        },
        { when: "the Service exposes a UDP port", change: (env) => env.set("api-gateway-service", "spec.ports.0.protocol", "UDP"), message: /exposes port 443\/UDP \(https\) on its load balancer without TLS: a UDP listener cannot use TLS/, resource: "api-gateway-service" },
    ],
    unknown: (env) => env.set("http", "defaultActions", UNKNOWN),
});

describe("tls13-everywhere on target groups", () => {
    it("is unknown, not passed, when the protocol of a target group behind a TLS listener is unknown", async () => {
        const result = await run(tls13Everywhere, (env) => env.set("app-web", "protocol", UNKNOWN));
        expect(result.violations).toEqual([]);
        expect(result.unknown.sort()).toEqual(["va-11.1.3-tls13-everywhere", "va-11.2.2-tls13-everywhere"]);
    });
    it("does not judge target groups only a plain HTTP listener forwards to", async () => {
        const result = await run(tls13Everywhere, (env) => env.add("aws:lb/targetGroup:TargetGroup", "plain-targets", { port: 80, protocol: "HTTP", targetType: "instance" }).set("http", "defaultActions", [{ type: "forward", targetGroupArn: "<tg>" }]).depend("http", "defaultActions", ["plain-targets"]));
        expect(result).toEqual({ violations: [], notApplicable: [], unknown: [] });
    });
});

describe("tls13-everywhere on LoadBalancer Services", () => {
    it("is unknown, not passed, when the Service's ssl-negotiation-policy is unknown", async () => {
        const result = await run(tls13Everywhere, annotate("ssl-negotiation-policy", UNKNOWN));
        expect(result.violations).toEqual([]);
        expect(result.unknown.sort()).toEqual(["va-11.1.3-tls13-everywhere", "va-11.2.2-tls13-everywhere"]);
    });
    it("does not judge a LoadBalancer Service without a certificate (https-everywhere fails it)", async () => {
        const result = await run(tls13Everywhere, annotate("ssl-cert", undefined));
        expect(result).toEqual({ violations: [], notApplicable: [], unknown: [] });
    });
});

describe("tls13-everywhere on Redis", () => {
    it("is unknown, not passed, when Redis' configuration is unknown", async () => {
        const result = await run(tls13Everywhere, (env) => env.set("redis", "values.commonConfiguration", UNKNOWN));
        expect(result.violations).toEqual([]);
        expect(result.unknown.sort()).toEqual(["va-11.1.3-tls13-everywhere", "va-11.2.2-tls13-everywhere"]);
    });
});

describe("https-everywhere on network load balancers", () => {
    it.each([
        // The certificate ARN is unknown in a first preview; whether it names a certificate is then unknown too.
        ["the Service's certificate ARN", annotate("ssl-cert", UNKNOWN)],
        ["the Service's ssl-ports", annotate("ssl-ports", UNKNOWN)],
        ["the action list of a listener rule of port 80", (env: Environment) => redirectRule("http")(env).set("api-rule", "actions", UNKNOWN)],
        ["the listener's protocol", (env: Environment) => networkBalancer("TLS", 443)(env).set("nlb-listener", "protocol", UNKNOWN)],
        ["whether the balancer is internal", (env: Environment) => networkBalancer("TCP", 80)(env).set("nlb", "internal", UNKNOWN)],
    ])("is unknown, not passed, when %s is unknown", async (_what, change) => {
        const result = await run(httpsEverywhere, change);
        expect(result.violations).toEqual([]);
        expect(result.unknown).toEqual(["va-4.3.4-https-everywhere"]);
    });
});

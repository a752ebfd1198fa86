// Certificates and TLS (3.1.1, 3.3.1.3): load balancer listeners and nginx servers.
import autoRenewal from "../../../policies/warden-pbx/rules/tls/auto-renewal";
import certExpiryMonitoring from "../../../policies/warden-pbx/rules/tls/cert-expiry-monitoring";
import certificateChain from "../../../policies/warden-pbx/rules/tls/certificate-chain";
import deprecatedAlgorithms from "../../../policies/warden-pbx/rules/tls/deprecated-algorithms";
import privateKeySecured from "../../../policies/warden-pbx/rules/tls/private-key-secured";
import strongCiphers from "../../../policies/warden-pbx/rules/tls/strong-ciphers";
import tlsVersions from "../../../policies/warden-pbx/rules/tls/tls-versions";
import validCertificate from "../../../policies/warden-pbx/rules/tls/valid-certificate";
import { describeRule, run } from "./cases";
import { Environment, UNKNOWN, VPC_CIDR } from "./environment";

const LT = 'aws:ec2/launchTemplate:LaunchTemplate "pbx-lt"';
const LISTENER = 'aws:lb/listener:Listener "https"';
const CERT = 'aws:acm/certificate:Certificate "cert"';
const tlsServer = (extra: string) => (env: Environment) =>
    env.file("/etc/nginx/conf.d/admin.conf", `server {\n    listen 8443 ssl;\n    server_name admin.example.com;\n    ssl_certificate /etc/letsencrypt/live/admin.example.com/fullchain.pem;\n    ssl_certificate_key /etc/letsencrypt/live/admin.example.com/privkey.pem;\n${extra}}\n`);
const imported = (env: Environment) => env.set("cert", "certificateBody", "-----BEGIN CERTIFICATE-----").set("cert", "privateKey", "<key>").set("cert", "validationMethod", undefined);
// The blueprint's SIP-TLS chain: a private CA (tls.SelfSignedCert) signing the PBX's certificate (tls.LocallySignedCert).
const sipCa = (env: Environment) =>
    env
        .add("tls:index/privateKey:PrivateKey", "sip-ca-key", { algorithm: "ECDSA", ecdsaCurve: "P256" })
        .add("tls:index/selfSignedCert:SelfSignedCert", "sip-ca", { isCaCertificate: true, validityPeriodHours: 43800 }, { privateKeyPem: ["sip-ca-key"] })
        .add("tls:index/locallySignedCert:LocallySignedCert", "sip-tls", { validityPeriodHours: 8760 }, { caCertPem: ["sip-ca"], caPrivateKeyPem: ["sip-ca-key"] });
const PRIVATE_CA = "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/11111111-2222-3333-4444-555555555555";
// The compliant environment has the kit's shape: nginx serves the load balancer over TLS with a
// key it makes at boot, and only the load balancer's group may connect. Admitted from the VPC's
// private block instead, it still serves only the hop inside the VPC; opened to the internet,
// nginx's own certificate is what clients get.
const hopFromVpc = (env: Environment) => env.set("pbx-https-from-alb", "referencedSecurityGroupId", undefined).depend("pbx-https-from-alb", "referencedSecurityGroupId", []).set("pbx-https-from-alb", "cidrIpv4", VPC_CIDR);
const hopOpenToInternet = (env: Environment) =>
    env.add("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "pbx-https-anywhere", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }, { securityGroupId: ["pbx-sg"] });
const HOP_PASS = { when: "nginx's hop is admitted from the VPC's private block only", change: hopFromVpc };
/** An internet-facing network load balancer whose `protocol` listener on 443 forwards to nginx on the host (a TCP or TLS target group on 443). */
const networkBalancerToNginx = (protocol: string) => (env: Environment) =>
    env
        .add("aws:lb/loadBalancer:LoadBalancer", "nlb", { loadBalancerType: "network", internal: false })
        .add("aws:lb/targetGroup:TargetGroup", "nlb-nginx", { port: 443, protocol: protocol === "TLS" ? "TLS" : "TCP", targetType: "instance" })
        .add("aws:lb/targetGroupAttachment:TargetGroupAttachment", "nlb-nginx-attachment", { targetGroupArn: "<tg arn>", targetId: "<instance id>", port: 443 }, { targetGroupArn: ["nlb-nginx"], targetId: ["pbx"] })
        .add(
            "aws:lb/listener:Listener",
            "nlb-443",
            { loadBalancerArn: "<nlb arn>", port: 443, protocol, ...(protocol === "TLS" ? { sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-2021-06", certificateArn: "<cert arn>" } : {}), defaultActions: [{ type: "forward", targetGroupArn: "<tg arn>" }] },
            { loadBalancerArn: ["nlb"], defaultActions: ["nlb-nginx"], ...(protocol === "TLS" ? { certificateArn: ["cert-validation"] } : {}) },
        );
// Ways nginx's own certificate still reaches clients, or its exposure cannot be shown.
const NGINX_NOT_FULL_CHAIN = /nginx server portal.example.com serves \/etc\/nginx\/tls\/pbx.crt, which is not a full chain/;
const NGINX_NOT_RENEWED = /nginx server portal.example.com serves a certificate that no renewal process manages/;
const EXPOSED_NGINX: { when: string; change: (env: Environment) => void }[] = [
    // A literal group's rules are not in the program: it may admit 443 from anywhere.
    { when: "the host is also in a security group the program does not create (a literal id)", change: (env) => env.set("pbx", "vpcSecurityGroupIds", ["<pbx sg id>", "sg-0123456789abcdef0"]) },
    { when: "the host's voice interface is also in a literal security group", change: (env) => env.set("pbx-voice-eni", "securityGroups", ["<pbx sg id>", "sg-0123456789abcdef0"]) },
    // TCP passes TLS through: clients of the network load balancer get nginx's self-signed certificate.
    { when: "an internet-facing network load balancer passes TCP 443 through to nginx", change: networkBalancerToNginx("TCP") },
    // Only an HTTPS listener terminates TLS in front of nginx.
    { when: "the application load balancer's listener in front of nginx is not HTTPS", change: (env) => env.set("https", "protocol", "HTTP") },
];

describeRule({
    rule: validCertificate,
    passes: [{ when: "the program also builds the internal SIP-TLS CA, which no listener serves", change: sipCa }],
    fails: [
        { when: "the certificate is never validated", change: (env) => env.remove("cert-validation").depend("https", "certificateArn", ["cert"]), message: `${CERT}: is never validated (no aws:acm/certificateValidation), so it may stay pending`, resource: "cert" },
        { when: "the listener's certificate is not from the program", change: (env) => env.depend("https", "certificateArn", []), message: `${LISTENER}: serves a certificate that is not an ACM certificate of this program` },
        { when: "the imported certificate is self-signed", change: (env) => imported(env.add("tls:index/selfSignedCert:SelfSignedCert", "self", { validityPeriodHours: 8760 }).depend("cert", "certificateBody", ["self"])), message: `${CERT}: is self-signed, so clients do not trust it` },
        {
            when: "the certificate comes from an ACM Private CA",
            change: (env) => env.set("cert", "certificateAuthorityArn", PRIVATE_CA).set("cert", "validationMethod", undefined),
            message: `${CERT}: is issued by an ACM Private CA (certificateAuthorityArn), which browsers do not trust; request a public certificate (validationMethod DNS)`,
            resource: "cert",
        },
        { when: "the private CA's ARN is not known yet (first preview)", change: (env) => env.set("cert", "certificateAuthorityArn", UNKNOWN), message: /is issued by an ACM Private CA/, resource: "cert" },
        { when: "the imported certificate is signed by the program's own CA", change: (env) => imported(sipCa(env).depend("cert", "certificateBody", ["sip-tls"])), message: `${CERT}: is signed by a private CA of this program (tls.LocallySignedCert), which clients do not trust`, resource: "cert" },
        { when: "the imported certificate's body is a literal PEM", change: imported, message: `${CERT}: is imported (certificateBody), so nothing in the program shows that a public CA signed it; use an Amazon-issued certificate validated by DNS`, resource: "cert" },
    ],
    unknown: (env) => env.set("https", "protocol", UNKNOWN),
});

describeRule({
    rule: privateKeySecured,
    passes: [
        { when: "nginx reads certbot's key", change: tlsServer("") },
        {
            when: "a key file is created 0600",
            change: (env) => {
                tlsServer("")(env);
                env.editFile("/etc/nginx/conf.d/admin.conf", (text) => text.replace("/etc/letsencrypt/live/admin.example.com/privkey.pem", "/etc/pbx/tls/key.pem"));
                env.list("runcmd", (lines) => [...lines, "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out /etc/pbx/tls/key.pem", "chmod 600 /etc/pbx/tls/key.pem"]);
            },
        },
    ],
    fails: [
        { when: "a private key is in the user data", change: (env) => env.file("/etc/ssl/private/pbx.key", "-----BEGIN PRIVATE KEY-----\nMIIE...\n-----END PRIVATE KEY-----\n", { permissions: "0600" }), message: `${LT}: carries a private key in its user data (/etc/ssl/private/pbx.key)` },
        { when: "a key file is created world-readable", change: (env) => { tlsServer("")(env); env.editFile("/etc/nginx/conf.d/admin.conf", (text) => text.replace("/etc/letsencrypt/live/admin.example.com/privkey.pem", "/etc/pbx/tls/key.pem")); env.list("runcmd", (lines) => [...lines, "install -d -m 0755 /etc/pbx/tls/key.pem"]); }, message: /nginx server admin.example.com reads its key \/etc\/pbx\/tls\/key.pem, which has mode 0755; it must be 600/ },
    ],
    unknown: (env) => env.set("pbx-lt", "userData", UNKNOWN),
});

describeRule({
    rule: certificateChain,
    passes: [
        { when: "nginx serves certbot's full chain", change: tlsServer("") },
        { when: "the certificate comes from an ACM Private CA, whose chain ACM adds", change: (env) => env.set("cert", "certificateAuthorityArn", PRIVATE_CA) },
        HOP_PASS,
        { when: "a network load balancer terminating TLS also forwards to nginx", change: networkBalancerToNginx("TLS") },
    ],
    fails: [
        ...EXPOSED_NGINX.map((exposure) => ({ ...exposure, message: NGINX_NOT_FULL_CHAIN, resource: "pbx-lt" })),
        { when: "an imported certificate has no chain", change: imported, message: `${CERT}: is imported without certificateChain, so clients cannot build the chain to the root` },
        { when: "nginx serves the leaf only", change: (env) => { tlsServer("")(env); env.editFile("/etc/nginx/conf.d/admin.conf", (text) => text.replace("fullchain.pem", "cert.pem")); }, message: /serves \/etc\/letsencrypt\/live\/admin.example.com\/cert.pem, which is not a full chain/ },
        { when: "the load balancer's hop is also open to the internet", change: hopOpenToInternet, message: /nginx server portal.example.com serves \/etc\/nginx\/tls\/pbx.crt, which is not a full chain/ },
    ],
    unknown: (env) => env.set("https", "protocol", UNKNOWN),
});

describeRule({
    rule: autoRenewal,
    passes: [
        { when: "the certificate comes from an ACM Private CA, which ACM renews itself", change: (env) => env.set("cert", "certificateAuthorityArn", PRIVATE_CA).set("cert", "validationMethod", undefined) },
        HOP_PASS,
        { when: "a network load balancer terminating TLS also forwards to nginx", change: networkBalancerToNginx("TLS") },
    ],
    fails: [
        ...EXPOSED_NGINX.map((exposure) => ({ ...exposure, message: NGINX_NOT_RENEWED, resource: "pbx-lt" })),
        { when: "the certificate is validated by e-mail", change: (env) => env.set("cert", "validationMethod", "EMAIL"), message: `${CERT}: is validated by EMAIL, which needs a person at every renewal; use DNS`, resource: "cert" },
        { when: "the certificate is imported", change: imported, message: `${CERT}: is imported, and ACM never renews imported certificates` },
        { when: "the validation records are not in Route 53", change: (env) => env.depend("cert-validation", "validationRecordFqdns", []), message: /has no DNS validation record in Route 53/ },
        { when: "nginx's Let's Encrypt certificate has no renewal hook", change: tlsServer(""), message: /uses a Let's Encrypt certificate without certbot installed and a deploy hook/ },
        { when: "the load balancer's hop is also open to the internet", change: hopOpenToInternet, message: /nginx server portal.example.com serves a certificate that no renewal process manages/ },
    ],
    unknown: (env) => env.set("cert", "validationMethod", UNKNOWN),
});

describe("nginx reached only through load balancers", () => {
    it("is unknown, not passed, when the host's security groups are unknown", async () => {
        const result = await run(certificateChain, (env) => env.set("pbx", "vpcSecurityGroupIds", UNKNOWN));
        expect(result.violations).toEqual([]);
        expect(result.unknown).toEqual(["wp-3.1.1.3-certificate-chain"]);
    });
});

describeRule({
    rule: certExpiryMonitoring,
    fails: [
        { when: "no alarm watches the certificate", change: (env) => env.remove("cert-expiry"), message: 'no CloudWatch alarm watches expiry of certificate "cert"' },
        { when: "the alarm notifies nobody", change: (env) => env.remove("alerts-email"), message: /watches expiry of certificate "cert" but notifies topic "alerts", which has no subscription/ },
    ],
    unknown: (env) => env.set("cert-expiry", "namespace", UNKNOWN),
});

describeRule({
    rule: tlsVersions,
    passes: [
        { when: "nginx allows TLS 1.2 and 1.3 only", change: tlsServer("    ssl_protocols TLSv1.2 TLSv1.3;\n") },
        { when: "nginx names TLS 1.2 and 1.3 in lower case", change: tlsServer("    ssl_protocols tlsv1.2 TLSV1.3;\n") },
    ],
    fails: [
        // nginx matches protocol names case-insensitively: tlsv1 is TLS 1.0.
        { when: "nginx enables TLS 1.0 written in lower case", change: tlsServer("    ssl_protocols tlsv1 TLSv1.2 TLSv1.3;\n"), message: `${LT}: nginx server admin.example.com accepts tlsv1 TLSv1.2 TLSv1.3; only TLSv1.2 and newer are allowed`, resource: "pbx-lt" },
        { when: "ssl_protocols names a protocol nginx does not know", change: tlsServer("    ssl_protocols TLSv1.2 TLS1.3;\n"), message: `${LT}: nginx server admin.example.com sets ssl_protocols TLSv1.2 TLS1.3, naming TLS1.3, which nginx does not know (it refuses the configuration)` },
        { when: "the listener accepts TLS 1.0", change: (env) => env.set("https", "sslPolicy", "ELBSecurityPolicy-TLS13-1-0-2021-06"), message: `${LISTENER}: uses ELBSecurityPolicy-TLS13-1-0-2021-06, which accepts TLS 1.0; TLS 1.2 or newer is required`, resource: "https" },
        { when: "the listener names no policy", change: (env) => env.set("https", "sslPolicy", undefined), message: /uses the default ELBSecurityPolicy-2016-08, which accepts TLS 1.0/ },
        { when: "the policy is unknown", change: (env) => env.set("https", "sslPolicy", "MyPolicy"), message: /uses security policy MyPolicy, which the policy table does not know/ },
        { when: "nginx inherits Ubuntu's protocols", change: tlsServer(""), message: `${LT}: nginx server admin.example.com accepts TLSv1 TLSv1.1 TLSv1.2 TLSv1.3 (Ubuntu's default); only TLSv1.2 and newer are allowed` },
        { when: "nothing terminates TLS", change: (env) => env.set("https", "protocol", "HTTP").removeFile("/etc/nginx/conf.d/pbx.conf"), message: "nothing terminates TLS: no HTTPS listener and no nginx server listening with ssl" },
    ],
    unknown: (env) => env.set("https", "sslPolicy", UNKNOWN),
});

describeRule({
    rule: strongCiphers,
    passes: [
        { when: "nginx offers AEAD suites only", change: tlsServer("    ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305;\n") },
        { when: "a listed policy is accepted", change: (env) => env.set("https", "sslPolicy", "ELBSecurityPolicy-TLS13-1-2-2021-06"), config: { allowedPolicies: ["ELBSecurityPolicy-TLS13-1-2-2021-06"] } },
    ],
    fails: [
        { when: "the listener offers CBC suites", change: (env) => env.set("https", "sslPolicy", "ELBSecurityPolicy-TLS13-1-2-2021-06"), message: `${LISTENER}: uses ELBSecurityPolicy-TLS13-1-2-2021-06, which also offers CBC or non-forward-secret suites` },
        { when: "nginx uses its default ciphers", change: tlsServer(""), message: /nginx server admin.example.com offers HIGH; only ECDHE\/DHE AEAD suites are allowed/ },
    ],
    unknown: (env) => env.set("https", "sslPolicy", UNKNOWN),
});

const AEAD_SUITES = "    ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305:!aNULL;\n";

describeRule({
    rule: deprecatedAlgorithms,
    passes: [
        { when: "nginx lists explicit AEAD suites only", change: tlsServer(AEAD_SUITES) },
        { when: "nginx also offers AES-CBC with SHA-2 MACs", change: tlsServer("    ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-SHA384:AES128-SHA256;\n") },
    ],
    fails: [
        { when: "the listener offers SHA-1 suites", change: (env) => env.set("https", "sslPolicy", "ELBSecurityPolicy-2016-08"), message: `${LISTENER}: uses ELBSecurityPolicy-2016-08, which offers SHA-1 or 3DES cipher suites` },
        { when: "nginx allows 3DES", change: tlsServer("    ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256:DES-CBC3-SHA;\n"), message: /allows DES-CBC3-SHA/ },
        { when: "nginx uses its default ciphers", change: tlsServer(""), message: /allows HIGH \(nginx's default\)/ },
        // Aliases expand to SHA-1 suites too (ECDHE-RSA-AES128-SHA, ...).
        {
            when: "nginx enables the ECDHE alias",
            change: tlsServer("    ssl_ciphers ECDHE:!aNULL;\n"),
            message: `${LT}: nginx server admin.example.com allows ECDHE; only explicit suites without MD5, SHA-1, RC4, DES/3DES or NULL are allowed (aliases such as HIGH or ECDHE include SHA-1 suites)`,
            resource: "pbx-lt",
        },
        { when: "nginx enables a combination of aliases", change: tlsServer("    ssl_ciphers ECDHE+AES;\n"), message: /nginx server admin\.example\.com allows ECDHE\+AES;/ },
        { when: "nginx adds a SHA-1 suite to AEAD ones", change: tlsServer("    ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA;\n"), message: /allows ECDHE-RSA-AES128-SHA;/ },
        { when: "nginx enables SSLv3 written in lower case", change: tlsServer(`${AEAD_SUITES}    ssl_protocols sslv3 TLSv1.2;\n`), message: `${LT}: nginx server admin.example.com enables SSL` },
        { when: "ssl_protocols names a protocol nginx does not know", change: tlsServer(`${AEAD_SUITES}    ssl_protocols SSLv3.1 TLSv1.2;\n`), message: /sets ssl_protocols SSLv3\.1 TLSv1\.2, naming SSLv3\.1, which nginx does not know/ },
        { when: "PostgreSQL stores MD5 password hashes", change: (env) => env.set("db-params", "parameters.4.value", "md5"), message: 'aws:rds/parameterGroup:ParameterGroup "db-params": stores database passwords as MD5 hashes (password_encryption = md5)', resource: "db-params" },
    ],
    unknown: (env) => env.set("https", "sslPolicy", UNKNOWN),
});

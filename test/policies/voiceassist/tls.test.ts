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
import { describeRule } from "./cases";
import { UNKNOWN } from "./environment";

const HTTPS = 'aws:lb/listener:Listener "https"';
const noListeners = (env: Environment) => env.remove("https", "http");
const selfSigned = (env: Environment) => {
    env.add("tls:index/selfSignedCert:SelfSignedCert", "self-signed", { privateKeyPem: "<key>", validityPeriodHours: 8760 });
    env.add("aws:acm/certificate:Certificate", "imported", { certificateBody: "<pem>", privateKey: "<key>" }, { certificateBody: ["self-signed"] });
    env.depend("https", "certificateArn", ["imported"]);
};

describeRule({
    rule: publicCertificate,
    fails: [
        { when: "the certificate is self-signed", change: selfSigned, message: 'aws:acm/certificate:Certificate "imported": is self-signed, so clients do not trust it', resource: "imported" },
        { when: "the certificate is never validated", change: (env) => env.remove("cert-validation").depend("https", "certificateArn", ["cert"]), message: /is never validated/, resource: "cert" },
        { when: "nothing terminates TLS", change: noListeners, message: /^nothing terminates TLS/ },
    ],
    unknown: (env) => env.set("https", "protocol", UNKNOWN),
});

describeRule({
    rule: certificateInstalled,
    fails: [{ when: "the listener serves a certificate from outside the program", change: (env) => env.depend("https", "certificateArn", []), message: `${HTTPS}: serves no ACM certificate of this program (certificateArn)`, resource: "https" }],
    unknown: (env) => env.set("https", "protocol", UNKNOWN),
});

describeRule({
    rule: certificateChain,
    fails: [{ when: "an imported certificate has no chain", change: selfSigned, message: /is imported without certificateChain/, resource: "imported" }],
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
    fails: [{ when: "the certificate is validated by e-mail", change: (env) => env.set("cert", "validationMethod", "EMAIL"), message: /is validated by EMAIL, which needs a person at every renewal/, resource: "cert" }],
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
    passes: [{ when: "the policy allows TLS 1.2 and 1.3", change: (env) => env.set("https", "sslPolicy", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06") }],
    fails: [
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

describeRule({
    rule: tls13Everywhere,
    fails: [
        { when: "the listener allows TLS 1.2", change: (env) => env.set("https", "sslPolicy", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"), message: `${HTTPS}: uses ELBSecurityPolicy-TLS13-1-2-Res-2021-06, which accepts TLS 1.2; TLS 1.3 or newer is required`, resource: "https" },
        { when: "the database accepts TLS 1.2", change: (env) => env.set("db-params", "parameters.8.value", "TLSv1.2"), message: /accepts TLS TLSv1\.2; TLSv1\.3 is required/, resource: "db" },
        { when: "Redis has no TLS", change: (env) => env.set("redis", "values.tls.enabled", false), message: /serves Redis without TLS/, resource: "redis" },
        { when: "Qdrant has no TLS", change: (env) => env.set("qdrant", "values.config.service.enable_tls", false), message: /serves Qdrant without TLS/, resource: "qdrant" },
    ],
    unknown: (env) => env.set("https", "sslPolicy", UNKNOWN),
});

describeRule({
    rule: httpsEverywhere,
    fails: [
        { when: "port 80 serves plain HTTP", change: (env) => env.set("http", "defaultActions", [{ type: "forward", targetGroupArn: "<tg arn>" }]), message: /serves port 80 over plain HTTP without a 301 redirect to HTTPS/, resource: "http" },
        { when: "a LoadBalancer Service exposes plain HTTP", change: (env) => env.add("kubernetes:core/v1:Service", "public-api", { metadata: { name: "public-api", namespace: "voiceassist" }, spec: { type: "LoadBalancer", ports: [{ port: 80 }] } }), message: /Service voiceassist\/public-api exposes a load balancer without TLS/, resource: "public-api" },
    ],
    unknown: (env) => env.set("http", "defaultActions", UNKNOWN),
});

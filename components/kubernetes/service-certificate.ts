// A TLS certificate for services inside the cluster (no cert-manager needed): a private CA of its
// own and a certificate it signs for the services' DNS names, in a kubernetes.io/tls Secret
// (tls.crt, tls.key, ca.crt). The private key stays a Pulumi secret; clients trust `caCertPem`.
// `pulumi up` renews the certificate in its last 30 days (earlyRenewalHours); servers that read
// their certificate only at start restart when `fingerprint` goes into their pod template.
import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { Secret } from "@pulumi/kubernetes/core/v1/secret";

export interface ServiceCertificateArgs {
    readonly namespace: pulumi.Input<string>;
    /** Services of the namespace the certificate names: <service>, .<namespace>, .svc and .svc.cluster.local. */
    readonly services: string[];
    /** Headless services whose pods it names too (*.<service>.<namespace>.svc.cluster.local). Default none. */
    readonly headlessServices?: string[];
    /** Further names (e.g. localhost for a sidecar that connects locally). Default none. */
    readonly extraDnsNames?: string[];
    /** IP addresses it names (e.g. 127.0.0.1). Default none. */
    readonly ipAddresses?: string[];
    /** Name of the Secret. */
    readonly secretName: string;
    /** Organization in the CA's subject. Default "readiness-kit". */
    readonly organization?: string;
    /** Days the certificate is valid. Default 365. */
    readonly validityDays?: number;
    readonly labels: Record<string, string>;
}

/** The DNS names a certificate for these services in this namespace must carry. */
export function serviceDnsNames(namespace: string, services: string[], headlessServices: string[] = []): string[] {
    return [
        ...services.flatMap((service) => [service, `${service}.${namespace}`, `${service}.${namespace}.svc`, `${service}.${namespace}.svc.cluster.local`]),
        ...headlessServices.map((service) => `*.${service}.${namespace}.svc.cluster.local`),
    ];
}

export class ServiceCertificate extends pulumi.ComponentResource {
    /** The CA (PEM) that signs the certificate: what clients verify the services with. */
    readonly caCertPem: pulumi.Output<string>;
    readonly secret: Secret;
    /** Name of the kubernetes.io/tls Secret. */
    readonly secretName: pulumi.Output<string>;
    /** SHA-256 of the certificate: a pod annotation with it rolls the pods when `pulumi up` renews it. */
    readonly fingerprint: pulumi.Output<string>;

    constructor(name: string, args: ServiceCertificateArgs, opts?: pulumi.ComponentResourceOptions) {
        super("readiness:kubernetes:ServiceCertificate", name, {}, opts);
        const parent = { parent: this };
        const caKey = new tls.PrivateKey(`${name}-ca`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, parent);
        const ca = new tls.SelfSignedCert(
            `${name}-ca`,
            { privateKeyPem: caKey.privateKeyPem, isCaCertificate: true, validityPeriodHours: 24 * 365 * 10, allowedUses: ["cert_signing", "crl_signing"], subject: { commonName: `${name} CA`, organization: args.organization ?? "readiness-kit" } },
            parent,
        );
        this.caCertPem = ca.certPem;
        const key = new tls.PrivateKey(`${name}-key`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, parent);
        const request = new tls.CertRequest(
            `${name}-request`,
            {
                privateKeyPem: key.privateKeyPem,
                subject: { commonName: pulumi.interpolate`${args.services[0]}.${args.namespace}.svc` },
                dnsNames: pulumi.output(args.namespace).apply((namespace) => [...serviceDnsNames(namespace, args.services, args.headlessServices), ...(args.extraDnsNames ?? [])]),
                ipAddresses: args.ipAddresses ?? [],
            },
            parent,
        );
        const certificate = new tls.LocallySignedCert(
            `${name}-cert`,
            {
                certRequestPem: request.certRequestPem,
                caPrivateKeyPem: caKey.privateKeyPem,
                caCertPem: ca.certPem,
                validityPeriodHours: 24 * (args.validityDays ?? 365),
                earlyRenewalHours: 24 * 30,
                allowedUses: ["digital_signature", "key_encipherment", "server_auth", "client_auth"],
            },
            parent,
        );
        this.secret = new Secret(
            `${name}-secret`,
            {
                metadata: { name: args.secretName, namespace: args.namespace, labels: args.labels },
                type: "kubernetes.io/tls",
                // PKCS#8, which every TLS library reads.
                stringData: { "tls.crt": certificate.certPem, "tls.key": pulumi.secret(key.privateKeyPemPkcs8), "ca.crt": ca.certPem },
            },
            parent,
        );
        this.secretName = this.secret.metadata.name;
        this.fingerprint = certificate.certPem.apply((pem) => createHash("sha256").update(pem).digest("hex"));
        this.registerOutputs({ caCertPem: this.caCertPem, secretName: this.secretName, fingerprint: this.fingerprint });
    }
}

// TLS settings: Elastic Load Balancing security policies and nginx ssl_protocols / ssl_ciphers,
// judged against the same questions (oldest protocol version, deprecated algorithms, forward
// secrecy with AEAD ciphers only).

export interface TlsProfile {
    /** Oldest protocol version accepted, e.g. 1.0, 1.2, 1.3. */
    minVersion: number;
    /** Offers SHA-1 MAC or 3DES cipher suites. */
    deprecatedCiphers: boolean;
    /** Only forward-secret key exchange with AEAD ciphers (GCM, ChaCha20-Poly1305). */
    strong: boolean;
}

/** ELB security policies (AWS documentation, "Security policies for your Application Load Balancer"). */
export const ELB_POLICIES: Record<string, TlsProfile> = {
    "ELBSecurityPolicy-TLS13-1-3-2021-06": { minVersion: 1.3, deprecatedCiphers: false, strong: true },
    "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04": { minVersion: 1.3, deprecatedCiphers: false, strong: true },
    "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09": { minVersion: 1.3, deprecatedCiphers: false, strong: true },
    "ELBSecurityPolicy-TLS13-1-2-Res-2021-06": { minVersion: 1.2, deprecatedCiphers: false, strong: true },
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04": { minVersion: 1.2, deprecatedCiphers: false, strong: true },
    "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09": { minVersion: 1.2, deprecatedCiphers: false, strong: true },
    "ELBSecurityPolicy-FS-1-2-Res-2020-10": { minVersion: 1.2, deprecatedCiphers: false, strong: true },
    "ELBSecurityPolicy-TLS13-1-2-2021-06": { minVersion: 1.2, deprecatedCiphers: false, strong: false },
    "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04": { minVersion: 1.2, deprecatedCiphers: false, strong: false },
    "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09": { minVersion: 1.2, deprecatedCiphers: false, strong: false },
    "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09": { minVersion: 1.2, deprecatedCiphers: false, strong: false },
    "ELBSecurityPolicy-TLS-1-2-2017-01": { minVersion: 1.2, deprecatedCiphers: false, strong: false },
    "ELBSecurityPolicy-FS-1-2-Res-2019-08": { minVersion: 1.2, deprecatedCiphers: false, strong: false },
    "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06": { minVersion: 1.2, deprecatedCiphers: true, strong: false },
    "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06": { minVersion: 1.2, deprecatedCiphers: true, strong: false },
    "ELBSecurityPolicy-TLS-1-2-Ext-2018-06": { minVersion: 1.2, deprecatedCiphers: true, strong: false },
    "ELBSecurityPolicy-FS-1-2-2019-08": { minVersion: 1.2, deprecatedCiphers: true, strong: false },
    "ELBSecurityPolicy-TLS13-1-1-2021-06": { minVersion: 1.1, deprecatedCiphers: true, strong: false },
    "ELBSecurityPolicy-TLS-1-1-2017-01": { minVersion: 1.1, deprecatedCiphers: true, strong: false },
    "ELBSecurityPolicy-FS-1-1-2019-08": { minVersion: 1.1, deprecatedCiphers: true, strong: false },
    "ELBSecurityPolicy-TLS13-1-0-2021-06": { minVersion: 1.0, deprecatedCiphers: true, strong: false },
    "ELBSecurityPolicy-FS-2018-06": { minVersion: 1.0, deprecatedCiphers: true, strong: false },
    "ELBSecurityPolicy-2016-08": { minVersion: 1.0, deprecatedCiphers: true, strong: false },
    "ELBSecurityPolicy-TLS-1-0-2015-04": { minVersion: 1.0, deprecatedCiphers: true, strong: false },
    "ELBSecurityPolicy-2015-05": { minVersion: 1.0, deprecatedCiphers: true, strong: false },
};

/** The policy an HTTPS listener gets when the program names none (API default). */
export const ELB_DEFAULT_POLICY = "ELBSecurityPolicy-2016-08";

export function elbPolicy(name: string | undefined): TlsProfile | undefined {
    return ELB_POLICIES[name ?? ELB_DEFAULT_POLICY];
}

// nginx matches ssl_protocols names case-insensitively (ngx_conf_set_bitmask_slot uses
// ngx_strcasecmp) and refuses names it does not know, so lookups are by lower-case name.
const NGINX_VERSIONS: Record<string, number> = { sslv2: 0.2, sslv3: 0.3, tlsv1: 1.0, "tlsv1.1": 1.1, "tlsv1.2": 1.2, "tlsv1.3": 1.3 };

/** Ubuntu 24.04's /etc/nginx/nginx.conf enables these unless a server sets its own. */
export const NGINX_DEFAULT_PROTOCOLS = ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"];
/** What nginx (1.23.4 and newer: Ubuntu 24.04 has 1.24) offers an upstream when no proxy_ssl_protocols is set. */
export const NGINX_DEFAULT_PROXY_PROTOCOLS = ["TLSv1.2", "TLSv1.3"];
/** nginx's built-in ssl_ciphers. */
export const NGINX_DEFAULT_CIPHERS = "HIGH:!aNULL:!MD5";

/** The version an ssl_protocols name stands for (any case), undefined for names nginx does not know. */
export function protocolVersion(protocol: string): number | undefined {
    return NGINX_VERSIONS[protocol.toLowerCase()];
}

/** ssl_protocols names nginx does not know: it rejects the configuration, so nothing shows what is served. */
export function unknownProtocols(protocols: string[]): string[] {
    return protocols.filter((protocol) => protocolVersion(protocol) === undefined);
}

/** Oldest version an ssl_protocols list enables (names nginx does not know are left to unknownProtocols). */
export function oldestProtocol(protocols: string[]): number | undefined {
    const versions = protocols.map(protocolVersion).filter((version): version is number => version !== undefined);
    return versions.length > 0 ? Math.min(...versions) : undefined;
}

/** The ssl_protocols list enables `version` (e.g. 1.3), in whatever case it is written. */
export function enablesProtocol(protocols: string[], version: number): boolean {
    return protocols.some((protocol) => protocolVersion(protocol) === version);
}

const STRONG_SUITE = /^(ECDHE|DHE)-(ECDSA|RSA)-(AES(128|256)-GCM-SHA(256|384)|CHACHA20-POLY1305)$|^TLS_(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256)$/;
// Explicit OpenSSL suite names using neither MD5, SHA-1 MACs, RC4, DES/3DES, NULL nor export
// ciphers: AES with GCM, CCM or a SHA-2 MAC, and ChaCha20-Poly1305, with or without (EC)DHE and
// RSA/ECDSA. Anything else positive (HIGH, ECDHE, AES, ECDHE+AES, kEECDH, ...) is an alias whose
// expansion includes SHA-1 suites, or a suite outside this list.
const CLEAN_SUITE = /^((ECDHE|DHE)-(ECDSA|RSA)-)?(AES(128|256)-(GCM-SHA(256|384)|SHA(256|384)|CCM8?)|CHACHA20-POLY1305)$|^TLS_(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256|AES_128_CCM(_8)?_SHA256)$/;

/** Positive (not excluded) elements of an OpenSSL cipher string. */
function positiveSuites(ciphers: string): string[] {
    return ciphers
        .split(/[:\s,]+/)
        .map((entry) => entry.trim())
        .filter((entry) => entry.length > 0 && !entry.startsWith("!") && !entry.startsWith("-") && !entry.startsWith("@"));
}

/** Suites of a cipher string that are not forward-secret AEAD suites. */
export function weakSuites(ciphers: string): string[] {
    return positiveSuites(ciphers).filter((suite) => !STRONG_SUITE.test(suite.replace(/^\+/, "")));
}

/**
 * Elements of a cipher string that are not explicit suites free of deprecated algorithms: suites
 * using MD5, SHA-1 MACs, RC4, DES/3DES, NULL or export ciphers, and every alias or combination
 * (HIGH, ECDHE, ECDHE+AES), since OpenSSL expands those to SHA-1 suites too.
 */
export function deprecatedSuites(ciphers: string): string[] {
    return positiveSuites(ciphers).filter((suite) => !CLEAN_SUITE.test(suite.replace(/^\+/, "")));
}

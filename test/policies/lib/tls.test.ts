// nginx ssl_protocols and OpenSSL cipher strings as policies/lib/tls.ts judges them.
import { deprecatedSuites, enablesProtocol, oldestProtocol, protocolVersion, unknownProtocols, weakSuites } from "../../../policies/lib/tls";

describe("ssl_protocols", () => {
    it("matches protocol names in any case, as nginx does", () => {
        expect(protocolVersion("TLSv1")).toBe(1.0);
        expect(protocolVersion("tlsv1")).toBe(1.0);
        expect(protocolVersion("TLSV1.3")).toBe(1.3);
        expect(protocolVersion("sslv3")).toBe(0.3);
        expect(oldestProtocol(["tlsv1", "TLSv1.2", "TLSv1.3"])).toBe(1.0);
        expect(oldestProtocol(["TLSv1.2", "TLSv1.3"])).toBe(1.2);
        expect(enablesProtocol(["tlsv1.2", "tlsv1.3"], 1.3)).toBe(true);
        expect(enablesProtocol(["TLSv1.2"], 1.3)).toBe(false);
    });

    it("lists names nginx does not know, which it refuses", () => {
        expect(unknownProtocols(["TLSv1.2", "TLS1.3", "TLSv13"])).toEqual(["TLS1.3", "TLSv13"]);
        expect(unknownProtocols(["tlsv1.2", "TLSv1.3"])).toEqual([]);
        expect(oldestProtocol(["TLS1.3"])).toBeUndefined();
    });
});

describe("cipher strings", () => {
    it("accepts only explicit suites free of MD5, SHA-1, RC4, DES/3DES and NULL as not deprecated", () => {
        expect(deprecatedSuites("ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305:!aNULL:!MD5:@STRENGTH")).toEqual([]);
        expect(deprecatedSuites("DHE-RSA-AES256-SHA256:AES128-GCM-SHA256:ECDHE-ECDSA-AES128-CCM8:TLS_AES_128_GCM_SHA256")).toEqual([]);
    });

    it("counts aliases and combinations as deprecated, since they expand to SHA-1 suites", () => {
        expect(deprecatedSuites("ECDHE:!aNULL")).toEqual(["ECDHE"]);
        expect(deprecatedSuites("ECDHE+AES")).toEqual(["ECDHE+AES"]);
        expect(deprecatedSuites("HIGH:!aNULL:!MD5")).toEqual(["HIGH"]);
        expect(deprecatedSuites("kEECDH:AESGCM:EECDH+CHACHA20")).toEqual(["kEECDH", "AESGCM", "EECDH+CHACHA20"]);
    });

    it("counts suites with SHA-1 MACs, RC4, 3DES, NULL or export ciphers as deprecated", () => {
        expect(deprecatedSuites("ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA:DES-CBC3-SHA:RC4-MD5:NULL-SHA256:EXP-RC4-MD5")).toEqual(["ECDHE-RSA-AES128-SHA", "DES-CBC3-SHA", "RC4-MD5", "NULL-SHA256", "EXP-RC4-MD5"]);
        expect(deprecatedSuites("ECDHE-ECDSA-CAMELLIA128-SHA256:PSK-AES128-GCM-SHA256")).toEqual(["ECDHE-ECDSA-CAMELLIA128-SHA256", "PSK-AES128-GCM-SHA256"]);
    });

    it("leaves exclusions out and still judges strength separately", () => {
        expect(deprecatedSuites("!SHA1:-3DES:!RC4")).toEqual([]);
        expect(weakSuites("ECDHE-RSA-AES128-GCM-SHA256:AES128-GCM-SHA256")).toEqual(["AES128-GCM-SHA256"]);
    });
});

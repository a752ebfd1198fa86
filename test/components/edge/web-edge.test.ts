import { TLS12_POLICY, TLS13_POLICY, WebEdge } from "../../../components/edge/web-edge";
import { RecordingSession } from "../../../gate/program";
import { inputsOf, named, recordingMocks } from "../../helpers/mocks";

let session: RecordingSession;
const tags = { "readiness:blueprint": "voiceassist" };

beforeAll(async () => {
    session = await recordingMocks();
    new WebEdge("app", { vpcId: "vpc-1", publicSubnetIds: ["subnet-a", "subnet-b"], domainName: "app.example.com", zoneId: "Z1", targets: [{ name: "web", instanceId: "i-1" }], sslPolicy: TLS13_POLICY, tags });
    await session.settle();
});

describe("WebEdge", () => {
    it("serves HTTPS with the chosen TLS policy, the validated certificate and security headers", () => {
        const https = named(session, "aws:lb/listener:Listener", "app-https");
        expect(inputsOf(https)).toMatchObject({
            port: 443,
            protocol: "HTTPS",
            sslPolicy: "ELBSecurityPolicy-TLS13-1-3-2021-06",
            routingHttpResponseStrictTransportSecurityHeaderValue: "max-age=31536000; includeSubDomains",
            routingHttpResponseXContentTypeOptionsHeaderValue: "nosniff",
            routingHttpResponseServerEnabled: false,
        });
        expect(https.propertyDependencies.certificateArn).toEqual([named(session, "aws:acm/certificateValidation:CertificateValidation", "app-certificate-validation").urn]);
        expect(TLS12_POLICY).toBe("ELBSecurityPolicy-TLS13-1-2-Res-2021-06");
    });

    it("redirects HTTP to HTTPS", () => {
        expect(inputsOf(named(session, "aws:lb/listener:Listener", "app-http")).defaultActions).toEqual([{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }]);
    });

    it("validates the certificate through DNS", () => {
        expect(inputsOf(named(session, "aws:acm/certificate:Certificate", "app-certificate"))).toEqual({ domainName: "app.example.com", validationMethod: "DNS", keyAlgorithm: "EC_prime256v1", tags: { ...tags, Name: "app-certificate" } });
        expect(inputsOf(named(session, "aws:route53/record:Record", "app-certificate-validation"))).toMatchObject({ zoneId: "Z1", type: "CNAME", ttl: 300 });
    });

    it("logs access, drops invalid headers and keeps WebSockets open", () => {
        expect(inputsOf(named(session, "aws:lb/loadBalancer:LoadBalancer", "app-lb"))).toMatchObject({ loadBalancerType: "application", internal: false, dropInvalidHeaderFields: true, enableDeletionProtection: true, idleTimeout: 3600, accessLogs: { enabled: true, prefix: "app" } });
    });

    it("rate-limits and filters with a WAF in front", () => {
        const acl = inputsOf(named(session, "aws:wafv2/webAcl:WebAcl", "app-waf"));
        expect((acl.rules as Record<string, unknown>[]).map((rule) => rule.name)).toEqual(["rate-limit", "ip-reputation", "common-rules"]);
        expect((acl.rules as Record<string, Record<string, unknown>>[])[0]).toMatchObject({ action: { block: {} }, statement: { rateBasedStatement: { limit: 1000, aggregateKeyType: "IP" } } });
    });
});

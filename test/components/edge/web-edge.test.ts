import { TLS12_POLICY, TLS13_POLICY, WebEdge } from "../../../components/edge/web-edge";
import { RecordingSession } from "../../../gate/program";
import { inputsOf, named, recordingMocks } from "../../helpers/mocks";

let session: RecordingSession;
const tags = { "readiness:blueprint": "voiceassist" };

beforeAll(async () => {
    session = await recordingMocks();
    new WebEdge("app", { vpcId: "vpc-1", publicSubnetIds: ["subnet-a", "subnet-b"], domainName: "app.example.com", zoneId: "Z1", targets: [{ name: "web", instanceId: "i-1" }], sslPolicy: TLS13_POLICY, tags });
    new WebEdge("strict", { vpcId: "vpc-1", publicSubnetIds: ["subnet-a"], domainName: "strict.example.com", zoneId: "Z1", targets: [], countedCommonRules: [], tags });
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

    it("forwards and health-checks over HTTPS on 443, so requests never cross the VPC in plaintext", () => {
        const group = named(session, "aws:lb/targetGroup:TargetGroup", "app-targets");
        expect(inputsOf(group)).toEqual({
            name: expect.any(String),
            vpcId: "vpc-1",
            port: 443,
            protocol: "HTTPS",
            targetType: "instance",
            healthCheck: { protocol: "HTTPS", port: "traffic-port", path: "/health", matcher: "200", interval: 15, healthyThreshold: 2, unhealthyThreshold: 3 },
            stickiness: { type: "lb_cookie", enabled: true, cookieDuration: 3600 },
            tags: { ...tags, Name: "app-targets" },
        });
        const attachment = named(session, "aws:lb/targetGroupAttachment:TargetGroupAttachment", "app-web");
        expect(inputsOf(attachment)).toEqual({ targetGroupArn: expect.any(String), targetId: "i-1", port: 443 });
        expect(attachment.propertyDependencies.targetGroupArn).toEqual([group.urn]);
    });

    it("rate-limits and filters with a WAF in front; of the common rule set only the 8 KB body limit counts, so uploads pass", () => {
        const acl = inputsOf(named(session, "aws:wafv2/webAcl:WebAcl", "app-waf"));
        const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });
        expect(acl.rules).toEqual([
            { name: "rate-limit", priority: 1, action: { block: {} }, statement: { rateBasedStatement: { limit: 1000, aggregateKeyType: "IP" } }, visibilityConfig: visibility("app-rate-limit") },
            { name: "ip-reputation", priority: 2, overrideAction: { none: {} }, statement: { managedRuleGroupStatement: { name: "AWSManagedRulesAmazonIpReputationList", vendorName: "AWS" } }, visibilityConfig: visibility("app-ip-reputation") },
            {
                name: "common-rules",
                priority: 3,
                overrideAction: { none: {} },
                statement: { managedRuleGroupStatement: { name: "AWSManagedRulesCommonRuleSet", vendorName: "AWS", ruleActionOverrides: [{ name: "SizeRestrictions_BODY", actionToUse: { count: {} } }] } },
                visibilityConfig: visibility("app-common-rules"),
            },
        ]);
        expect(acl).toMatchObject({ scope: "REGIONAL", defaultAction: { allow: {} }, visibilityConfig: visibility("app-waf") });
        // With no rule counted, the whole set blocks (no empty override list).
        const strict = inputsOf(named(session, "aws:wafv2/webAcl:WebAcl", "strict-waf"));
        expect((strict.rules as Record<string, unknown>[])[2]).toMatchObject({ statement: { managedRuleGroupStatement: { name: "AWSManagedRulesCommonRuleSet", vendorName: "AWS" } } });
        expect(((strict.rules as Record<string, Record<string, Record<string, unknown>>>[])[2].statement.managedRuleGroupStatement)).not.toHaveProperty("ruleActionOverrides");
    });
});

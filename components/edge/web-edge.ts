// The public HTTPS edge of an application: an application load balancer with a DNS-validated
// ACM certificate, a 443 listener with a TLS 1.2+ (or 1.3-only) policy and security headers,
// port 80 redirecting to HTTPS, access logs, a WAF with a rate-based rule, AWS's IP reputation
// list and common rule set, and the DNS alias. Targets are reached over HTTPS (requests carry PHI:
// never in plaintext, not even inside the VPC) from the load balancer's security group only.
import * as pulumi from "@pulumi/pulumi";
import * as acm from "@pulumi/aws/acm";
import * as lb from "@pulumi/aws/lb";
import * as route53 from "@pulumi/aws/route53";
import * as wafv2 from "@pulumi/aws/wafv2";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import { SecureBucket } from "../backup/secure-bucket";
import { Firewall } from "../network/firewall";

export interface WebEdgeTarget {
    readonly name: string;
    readonly instanceId: pulumi.Input<string>;
}

export interface WebEdgeArgs {
    readonly vpcId: pulumi.Input<string>;
    readonly publicSubnetIds: pulumi.Input<string>[];
    /** Host name served, e.g. portal.example.com. */
    readonly domainName: string;
    readonly zoneId: pulumi.Input<string>;
    /** Instances behind the load balancer; more can be attached with `attachTarget` (an instance that needs the certificate first). */
    readonly targets: WebEdgeTarget[];
    /**
     * Port the targets' reverse proxy serves TLS on. Default 443. The load balancer forwards and
     * health-checks over HTTPS; it does not validate the targets' (self-signed) certificates.
     */
    readonly targetPort?: number;
    /** Health check path, expected to answer 200. Default /health. */
    readonly healthCheckPath?: string;
    /**
     * Rules of AWSManagedRulesCommonRuleSet that only count instead of blocking. Default
     * ["SizeRestrictions_BODY"], which blocks every request body over 8 KB (file and audio
     * uploads); the other rules of the set keep blocking.
     */
    readonly countedCommonRules?: string[];
    /** Listener TLS policy. Default ELBSecurityPolicy-TLS13-1-2-Res-2021-06 (TLS 1.2+, strong ciphers only). */
    readonly sslPolicy?: string;
    /** Requests per 5 minutes per client IP before the WAF blocks. Default 1000. */
    readonly rateLimitPer5Minutes?: number;
    /** Days access logs are kept. Default 90. */
    readonly accessLogDays?: number;
    readonly tags: Record<string, string>;
}

/** Accounts that write load balancer access logs in regions older than August 2022. */
const ELB_LOG_ACCOUNTS: Record<string, string> = {
    "us-east-1": "127311923021",
    "us-east-2": "033677994240",
    "us-west-1": "027434742980",
    "us-west-2": "797873946194",
    "eu-west-1": "156460612806",
    "eu-west-2": "652711504416",
    "eu-central-1": "054676820928",
    "ap-southeast-1": "114774131450",
    "ap-southeast-2": "783225319266",
    "ap-northeast-1": "582318560864",
};

export const TLS12_POLICY = "ELBSecurityPolicy-TLS13-1-2-Res-2021-06";
export const TLS13_POLICY = "ELBSecurityPolicy-TLS13-1-3-2021-06";

export class WebEdge extends pulumi.ComponentResource {
    readonly loadBalancer: lb.LoadBalancer;
    readonly certificate: acm.Certificate;
    /** The certificate's ARN once DNS has validated it: what other listeners of the domain should use. */
    readonly validatedCertificateArn: pulumi.Output<string>;
    readonly securityGroupId: pulumi.Output<string>;
    readonly webAcl: wafv2.WebAcl;
    readonly targetGroup: lb.TargetGroup;
    private readonly edgeName: string;
    private readonly targetPort: number;

    constructor(name: string, args: WebEdgeArgs, opts?: pulumi.ComponentResourceOptions) {
        super("readiness:edge:WebEdge", name, {}, opts);
        const tags = (part: string) => ({ ...args.tags, Name: `${name}-${part}` });
        const region = getRegionOutput({}, { parent: this }).region;

        const firewall = new Firewall(
            `${name}-lb`,
            {
                vpcId: args.vpcId,
                description: `Load balancer of ${args.domainName}`,
                ingress: [
                    { name: "https", protocol: "tcp", fromPort: 443, toPort: 443, cidrs: ["0.0.0.0/0"], description: "HTTPS" },
                    { name: "http", protocol: "tcp", fromPort: 80, toPort: 80, cidrs: ["0.0.0.0/0"], description: "HTTP, redirected to HTTPS" },
                ],
                tags: args.tags,
            },
            { parent: this },
        );
        this.securityGroupId = firewall.id;

        const logs = new SecureBucket(
            `${name}-access-logs`,
            {
                // Load balancer access logs support SSE-S3 only.
                expireAfterDays: args.accessLogDays ?? 90,
                policyStatements: [
                    region.apply((regionName) => ({
                        Sid: "LoadBalancerLogDelivery",
                        Effect: "Allow",
                        Principal: ELB_LOG_ACCOUNTS[regionName] ? { AWS: `arn:aws:iam::${ELB_LOG_ACCOUNTS[regionName]}:root` } : { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
                        Action: "s3:PutObject",
                        Resource: "*",
                    })),
                ],
                tags: args.tags,
            },
            { parent: this },
        );

        this.loadBalancer = new lb.LoadBalancer(
            `${name}-lb`,
            {
                loadBalancerType: "application",
                internal: false,
                securityGroups: [firewall.id],
                subnets: args.publicSubnetIds,
                dropInvalidHeaderFields: true,
                enableDeletionProtection: true,
                idleTimeout: 3600, // long-lived WebSocket connections
                accessLogs: { bucket: logs.name, enabled: true, prefix: name },
                tags: tags("lb"),
            },
            { parent: this },
        );
        const targetGroup = (this.targetGroup = new lb.TargetGroup(
            `${name}-targets`,
            {
                vpcId: args.vpcId,
                port: args.targetPort ?? 443,
                protocol: "HTTPS",
                targetType: "instance",
                healthCheck: { protocol: "HTTPS", port: "traffic-port", path: args.healthCheckPath ?? "/health", matcher: "200", interval: 15, healthyThreshold: 2, unhealthyThreshold: 3 },
                stickiness: { type: "lb_cookie", enabled: true, cookieDuration: 3600 },
                tags: tags("targets"),
            },
            { parent: this },
        ));
        this.edgeName = name;
        this.targetPort = args.targetPort ?? 443;
        args.targets.forEach((target) => this.attachTarget(target));

        this.certificate = new acm.Certificate(`${name}-certificate`, { domainName: args.domainName, validationMethod: "DNS", keyAlgorithm: "EC_prime256v1", tags: tags("certificate") }, { parent: this });
        const validationRecord = new route53.Record(
            `${name}-certificate-validation`,
            {
                zoneId: args.zoneId,
                name: this.certificate.domainValidationOptions.apply((options) => options[0].resourceRecordName),
                type: this.certificate.domainValidationOptions.apply((options) => options[0].resourceRecordType),
                records: [this.certificate.domainValidationOptions.apply((options) => options[0].resourceRecordValue)],
                ttl: 300,
                allowOverwrite: true,
            },
            { parent: this },
        );
        const validation = new acm.CertificateValidation(`${name}-certificate-validation`, { certificateArn: this.certificate.arn, validationRecordFqdns: [validationRecord.fqdn] }, { parent: this });
        this.validatedCertificateArn = validation.certificateArn;

        new lb.Listener(
            `${name}-https`,
            {
                loadBalancerArn: this.loadBalancer.arn,
                port: 443,
                protocol: "HTTPS",
                sslPolicy: args.sslPolicy ?? TLS12_POLICY,
                certificateArn: validation.certificateArn,
                defaultActions: [{ type: "forward", targetGroupArn: targetGroup.arn }],
                routingHttpResponseStrictTransportSecurityHeaderValue: "max-age=31536000; includeSubDomains",
                routingHttpResponseXContentTypeOptionsHeaderValue: "nosniff",
                routingHttpResponseServerEnabled: false,
                tags: tags("https"),
            },
            { parent: this },
        );
        new lb.Listener(
            `${name}-http`,
            { loadBalancerArn: this.loadBalancer.arn, port: 80, protocol: "HTTP", defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }], tags: tags("http") },
            { parent: this },
        );

        const counted = args.countedCommonRules ?? ["SizeRestrictions_BODY"];
        const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });
        this.webAcl = new wafv2.WebAcl(
            `${name}-waf`,
            {
                scope: "REGIONAL",
                defaultAction: { allow: {} },
                rules: [
                    { name: "rate-limit", priority: 1, action: { block: {} }, statement: { rateBasedStatement: { limit: args.rateLimitPer5Minutes ?? 1000, aggregateKeyType: "IP" } }, visibilityConfig: visibility(`${name}-rate-limit`) },
                    { name: "ip-reputation", priority: 2, overrideAction: { none: {} }, statement: { managedRuleGroupStatement: { name: "AWSManagedRulesAmazonIpReputationList", vendorName: "AWS" } }, visibilityConfig: visibility(`${name}-ip-reputation`) },
                    {
                        name: "common-rules",
                        priority: 3,
                        overrideAction: { none: {} },
                        statement: {
                            managedRuleGroupStatement: {
                                name: "AWSManagedRulesCommonRuleSet",
                                vendorName: "AWS",
                                ...(counted.length > 0 ? { ruleActionOverrides: counted.map((rule) => ({ name: rule, actionToUse: { count: {} } })) } : {}),
                            },
                        },
                        visibilityConfig: visibility(`${name}-common-rules`),
                    },
                ],
                visibilityConfig: visibility(`${name}-waf`),
                tags: tags("waf"),
            },
            { parent: this },
        );
        new wafv2.WebAclAssociation(`${name}-waf`, { resourceArn: this.loadBalancer.arn, webAclArn: this.webAcl.arn }, { parent: this });

        new route53.Record(
            `${name}-alias`,
            { zoneId: args.zoneId, name: args.domainName, type: "A", aliases: [{ name: this.loadBalancer.dnsName, zoneId: this.loadBalancer.zoneId, evaluateTargetHealth: true }] },
            { parent: this },
        );
        this.registerOutputs({ dnsName: this.loadBalancer.dnsName, certificateArn: this.certificate.arn });
    }

    /** Puts an instance behind the load balancer (its reverse proxy on the target port). */
    attachTarget(target: WebEdgeTarget): lb.TargetGroupAttachment {
        return new lb.TargetGroupAttachment(`${this.edgeName}-${target.name}`, { targetGroupArn: this.targetGroup.arn, targetId: target.instanceId, port: this.targetPort }, { parent: this });
    }
}

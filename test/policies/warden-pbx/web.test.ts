// Reverse proxy (2.3.1) and edge protection (3.4.1.5-6): load balancer and nginx settings.
import accessLogs from "../../../policies/warden-pbx/rules/web/access-logs";
import httpsRedirect from "../../../policies/warden-pbx/rules/web/https-redirect";
import reverseProxy from "../../../policies/warden-pbx/rules/web/reverse-proxy";
import securityHeaders from "../../../policies/warden-pbx/rules/web/security-headers";
import tlsCertificate from "../../../policies/warden-pbx/rules/web/tls-certificate";
import virtualHost from "../../../policies/warden-pbx/rules/web/virtual-host";
import webRateLimiting from "../../../policies/warden-pbx/rules/web/web-rate-limiting";
import webServer from "../../../policies/warden-pbx/rules/web/web-server";
import websocket from "../../../policies/warden-pbx/rules/web/websocket";
import ddosProtection from "../../../policies/warden-pbx/rules/waf/ddos-protection";
import rateLimiting from "../../../policies/warden-pbx/rules/waf/rate-limiting";
import { describeRule, run } from "./cases";
import { Environment, UNKNOWN } from "./environment";

const LT = 'aws:ec2/launchTemplate:LaunchTemplate "pbx-lt"';
const ALB = 'aws:lb/loadBalancer:LoadBalancer "alb"';
const SITE = "/etc/nginx/conf.d/pbx.conf";
const site = (from: string | RegExp, to: string) => (env: Environment) => env.editFile(SITE, (text) => text.replace(from, to));
const USERDATA_UNKNOWN = (env: Environment) => env.set("pbx-lt", "userData", UNKNOWN);
/** nginx on the host becomes the edge: no load balancer forwards to the host, nginx serves TLS with certbot's certificate (port 80 already redirects). */
const nginxEdge = (env: Environment) => {
    env.remove("pbx-web-attachment");
    site("ssl_certificate /etc/nginx/tls/pbx.crt;", "ssl_certificate /etc/letsencrypt/live/portal.example.com/fullchain.pem;")(env);
    site("ssl_certificate_key /etc/nginx/tls/pbx.key;", "ssl_certificate_key /etc/letsencrypt/live/portal.example.com/privkey.pem;")(env);
};
/** nginx serves the PBX over plain HTTP on port 80: the TLS server listens on 80 without ssl, and no server redirects. */
const plainSite = (env: Environment) =>
    env.editFile(SITE, (text) => text.replace(/server \{\n    listen 80;\n[^}]*\}\n\n/, "").replace("listen 443 ssl;", "listen 80;").replace(/ {4}ssl_.*\n/g, ""));

/** An internet-facing network load balancer forwarding `protocol` on `port` to the PBX host's `targetPort`. */
const networkBalancer = (protocol: string, port: number, targetPort: number) => (env: Environment) =>
    env
        .add("aws:lb/loadBalancer:LoadBalancer", "nlb", { loadBalancerType: "network", internal: false })
        .add("aws:lb/targetGroup:TargetGroup", "nlb-target", { port: targetPort, protocol: protocol === "UDP" ? "UDP" : "TCP", targetType: "instance" })
        .add("aws:lb/targetGroupAttachment:TargetGroupAttachment", "nlb-attachment", { targetGroupArn: "<tg arn>", targetId: "<instance id>" }, { targetGroupArn: ["nlb-target"], targetId: ["pbx"] })
        .add("aws:lb/listener:Listener", "nlb-listener", { loadBalancerArn: "<nlb arn>", port, protocol, defaultActions: [{ type: "forward", targetGroupArn: "<tg arn>" }] }, { loadBalancerArn: ["nlb"], defaultActions: ["nlb-target"] });

/** A listener rule of `listener` forwarding /api/* to a target group on `port` with the PBX host registered. */
const forwardRule = (listener: string, port: number) => (env: Environment) =>
    env
        .add("aws:lb/targetGroup:TargetGroup", "pbx-api", { port, protocol: "HTTP", targetType: "instance" })
        .add("aws:lb/targetGroupAttachment:TargetGroupAttachment", "pbx-api-attachment", { targetGroupArn: "<tg arn>", targetId: "<instance id>" }, { targetGroupArn: ["pbx-api"], targetId: ["pbx"] })
        .add("aws:lb/listenerRule:ListenerRule", "api-rule", { listenerArn: "<listener arn>", priority: 10, conditions: [{ pathPattern: { values: ["/api/*"] } }], actions: [{ type: "forward", targetGroupArn: "<tg arn>" }] }, { listenerArn: [listener], actions: ["pbx-api"] });

describeRule({
    rule: webServer,
    passes: [{ when: "apache2 is installed", change: (env) => env.list("packages", (list) => [...list.filter((name) => name !== "nginx"), "apache2"]) }],
    fails: [{ when: "no web server is installed", change: (env) => env.list("packages", (list) => list.filter((name) => name !== "nginx")), message: `${LT}: installs neither nginx nor apache2` }],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: virtualHost,
    fails: [
        { when: "the server is a catch-all", change: site(/server_name portal\.example\.com;/g, "server_name _;"), message: `${LT}: proxies the PBX in a server block named _, which is not a DNS name of the program` },
        { when: "no server proxies the PBX", change: (env) => env.removeFile(SITE), message: `${LT}: has no nginx server block proxying to the PBX API` },
    ],
    unknown: (env) => env.set("portal", "name", UNKNOWN),
});

describeRule({
    rule: reverseProxy,
    passes: [
        { when: "the load balancer forwards to 8080", change: (env) => env.removeFile(SITE).set("pbx-web", "port", 8080) },
        { when: "a listener rule of the HTTPS listener forwards to 8080", change: (env) => forwardRule("https", 8080)(env.removeFile(SITE)) },
    ],
    fails: [{ when: "nothing proxies to 8080", change: site("127.0.0.1:8080", "127.0.0.1:9000"), message: `${LT}: has no reverse proxy to the PBX API on port 8080 (nginx proxy_pass or a load balancer target group)` }],
    unknown: (env) => env.set("pbx-web", "port", UNKNOWN).removeFile(SITE),
});

describeRule({
    rule: tlsCertificate,
    passes: [{ when: "nginx terminates TLS", change: nginxEdge }],
    fails: [
        { when: "the HTTPS listener has no ACM certificate", change: (env) => env.depend("https", "certificateArn", []), message: 'aws:lb/listener:Listener "https": serves HTTPS without an ACM certificate of this program', resource: "https" },
        { when: "the load balancer has no HTTPS listener", change: (env) => env.set("https", "protocol", "HTTP"), message: `${ALB}: has no HTTPS listener`, resource: "alb" },
        { when: "nginx is the edge without TLS", change: (env) => plainSite(env.remove("pbx-web-attachment")), message: /is reached without TLS/ },
        { when: "nginx listens with ssl but has no key", change: (env) => { nginxEdge(env); site(/\n    ssl_certificate_key .*;/, "")(env); }, message: /listens with ssl but sets no ssl_certificate/ },
    ],
    unknown: (env) => env.set("https", "protocol", UNKNOWN),
});

describeRule({
    rule: httpsRedirect,
    passes: [
        { when: "nginx redirects port 80", change: nginxEdge },
        { when: "a network load balancer carries SIP over UDP 5060", change: networkBalancer("UDP", 5060, 5060) },
        { when: "a network load balancer carries plain TCP to nginx's port 80, which only redirects", change: networkBalancer("TCP", 80, 80) },
        { when: "a network load balancer terminates TLS in front of nginx", change: (env) => networkBalancer("TLS", 443, 80)(env).set("nlb-listener", "certificateArn", "<cert arn>") },
        { when: "an internal network load balancer carries plain TCP to nginx", change: (env) => networkBalancer("TCP", 80, 80)(env).set("nlb", "internal", true) },
    ],
    fails: [
        {
            when: "a network load balancer carries plain TCP to nginx's port 80 serving the PBX",
            change: (env) => plainSite(networkBalancer("TCP", 80, 80)(env)),
            message: 'aws:lb/listener:Listener "nlb-listener": carries TCP from the internet to port 80 of the PBX host, which serves the PBX over plain HTTP; a network load balancer cannot redirect, so use protocol TLS or remove the listener',
            resource: "nlb-listener",
        },
        { when: "a network load balancer carries plain TCP straight to the API port", change: networkBalancer("TCP", 443, 8080), message: /carries TCP from the internet to port 8080 of the PBX host/, resource: "nlb-listener" },
        { when: "the HTTP listener forwards instead of redirecting", change: (env) => env.set("http", "defaultActions", [{ type: "forward", targetGroupArn: "<tg>" }]), message: 'aws:lb/listener:Listener "http": listens on port 80 over plain HTTP without a 301 redirect to HTTPS', resource: "http" },
        { when: "the redirect is temporary", change: (env) => env.set("http", "defaultActions.0.redirect.statusCode", "HTTP_302"), message: /without a 301 redirect/ },
        // The default action redirects, but a listener rule serves /api/* over plain HTTP.
        { when: "a listener rule of the HTTP listener forwards", change: forwardRule("http", 443), message: 'aws:lb/listener:Listener "http": listens on port 80 over plain HTTP without a 301 redirect to HTTPS', resource: "http" },
        { when: "nginx's port-80 server serves content", change: (env) => { nginxEdge(env); site("return 301 https://$host$request_uri;", "root /var/www;")(env); }, message: /listens without ssl and does not redirect to https/ },
    ],
    unknown: (env) => env.set("http", "defaultActions", UNKNOWN),
});

describeRule({
    rule: websocket,
    fails: [{ when: "the Upgrade header is not passed", change: site("proxy_set_header Upgrade $http_upgrade;\n", ""), message: /nginx location \/ of portal.example.com does not pass WebSocket upgrades/ }],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: securityHeaders,
    passes: [{ when: "the load balancer adds the headers nginx lacks", change: (env) => { site(/    add_header Content-Security-Policy .*\n/, "")(env); env.set("https", "routingHttpResponseContentSecurityPolicyHeaderValue", "default-src 'self'"); } }],
    fails: [
        { when: "a location adds its own header and loses the server's", change: site("limit_req zone=pbx_api burst=20 nodelay;", "limit_req zone=pbx_api burst=20 nodelay;\n        add_header Cache-Control no-store;"), message: `${LT}: nginx location / sends no Content-Security-Policy, X-Content-Type-Options, X-Frame-Options` },
        { when: "HSTS is short", change: (env) => { site('"max-age=31536000; includeSubDomains"', '"max-age=300"')(env); env.set("https", "routingHttpResponseStrictTransportSecurityHeaderValue", undefined); }, message: /sends HSTS with max-age 300; at least 31536000 is required/ },
    ],
    unknown: (env) => env.set("https", "routingHttpResponseStrictTransportSecurityHeaderValue", UNKNOWN),
});

describeRule({
    rule: webRateLimiting,
    fails: [
        { when: "the proxying location has no limit_req", change: site("        limit_req zone=pbx_api burst=20 nodelay;\n", ""), message: `${LT}: nginx location / proxying the PBX has no limit_req` },
        { when: "the zone is not defined", change: site(/^limit_req_zone .*\n/m, ""), message: /uses limit_req zone pbx_api, which no limit_req_zone defines/ },
    ],
    unknown: USERDATA_UNKNOWN,
});

describeRule({
    rule: accessLogs,
    fails: [
        { when: "the load balancer writes no access logs", change: (env) => env.set("alb", "accessLogs.enabled", false), message: `${ALB}: does not write access logs to an S3 bucket of this program (accessLogs.enabled)`, resource: "alb" },
        { when: "nginx turns access logs off", change: site("access_log /var/log/nginx/pbx.access.log;", "access_log off;"), message: `${LT}: nginx location / turns access_log off` },
    ],
    unknown: (env) => env.set("alb", "accessLogs", UNKNOWN),
});

const rateRule = (limit: number, evaluationWindowSec?: number) => (env: Environment) => {
    env.set("waf", "rules.0.statement.rateBasedStatement.limit", limit);
    if (evaluationWindowSec !== undefined) {
        env.set("waf", "rules.0.statement.rateBasedStatement.evaluationWindowSec", evaluationWindowSec);
    }
};

describeRule({
    rule: rateLimiting,
    passes: [
        // WAF counts `limit` per evaluation window (default 300 s); the item counts per 5 minutes.
        { when: "the limit is exactly 2000 per 5 minutes", change: rateRule(2000) },
        { when: "the limit is 400 per 60 s (2000 per 5 minutes)", change: rateRule(400, 60) },
        { when: "the limit is 800 per 120 s (2000 per 5 minutes)", change: rateRule(800, 120) },
        { when: "the limit is 2000 per 600 s", change: rateRule(2000, 600) },
    ],
    fails: [
        { when: "the rate rule only counts", change: (env) => env.set("waf", "rules.0.action", { count: {} }), message: `${ALB}: has no WAF web ACL with a blocking rate-based rule`, resource: "alb" },
        { when: "the limit is too high", change: (env) => env.set("waf", "rules.0.statement.rateBasedStatement.limit", 100000), message: /limits clients to 100000 requests per 5 minutes; at most 2000 are allowed/ },
        { when: "the limit is 2001 per 5 minutes", change: rateRule(2001), message: `${ALB}: limits clients to 2001 requests per 5 minutes; at most 2000 are allowed`, resource: "alb" },
        { when: "the limit is 2000 per 60 s", change: rateRule(2000, 60), message: `${ALB}: limits clients to 2000 per 60 s, up to 10000 requests per 5 minutes; at most 2000 are allowed`, resource: "alb" },
        { when: "the limit is 401 per 60 s", change: rateRule(401, 60), message: /limits clients to 401 per 60 s, up to 2005 requests per 5 minutes/ },
        { when: "the limit is 801 per 120 s", change: rateRule(801, 120), message: /limits clients to 801 per 120 s, up to 2003 requests per 5 minutes/ },
        // A longer window still lets the whole limit through within 5 minutes.
        { when: "the limit is 2001 per 600 s", change: rateRule(2001, 600), message: /limits clients to 2001 per 600 s, up to 2001 requests per 5 minutes/ },
        { when: "no web ACL is associated", change: (env) => env.remove("waf-association"), message: /has no WAF web ACL with a blocking rate-based rule/ },
    ],
    unknown: (env) => env.set("waf", "rules", UNKNOWN),
});

describeRule({
    rule: ddosProtection,
    passes: [{ when: "the rules come as ruleJson", change: (env) => env.set("waf", "ruleJson", JSON.stringify([{ Name: "rate", Priority: 1, Action: { Block: {} }, Statement: { RateBasedStatement: { Limit: 1000, AggregateKeyType: "IP" } } }, { Name: "rep", Priority: 2, OverrideAction: { None: {} }, Statement: { ManagedRuleGroupStatement: { Name: "AWSManagedRulesAmazonIpReputationList", VendorName: "AWS" } } }])).set("waf", "rules", undefined) }],
    fails: [
        { when: "no web ACL is associated", change: (env) => env.remove("waf-association"), message: `${ALB}: has no WAF web ACL associated`, resource: "alb" },
        { when: "the IP reputation list only counts", change: (env) => env.set("waf", "rules.1.overrideAction", { count: {} }), message: /has a WAF web ACL without AWSManagedRulesAmazonIpReputationList/ },
    ],
    unknown: (env) => env.set("waf", "rules", UNKNOWN),
});

describe("values only an update knows", () => {
    it.each([
        ["https-redirect: a network load balancer listener's protocol", httpsRedirect, (env: Environment) => networkBalancer("TCP", 80, 80)(env).set("nlb-listener", "protocol", UNKNOWN)],
        ["rate-limiting: the rate rule's evaluation window", rateLimiting, (env: Environment) => env.set("waf", "rules.0.statement.rateBasedStatement.evaluationWindowSec", UNKNOWN)],
    ])("%s leaves the rule unknown, not passed", async (_what, rule, change) => {
        const result = await run(rule, change);
        expect(result.violations).toEqual([]);
        expect(result.unknown).toEqual(rule.items.map((item) => `${item.toLowerCase()}-${rule.name}`));
    });
});

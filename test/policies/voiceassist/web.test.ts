// Nginx configuration (4.2.1-2, 4.2.5-8) and WebSocket (10.2.4) on the VoiceAssist server and its load balancer.
import headersHsts from "../../../policies/voiceassist/rules/web/hsts";
import httpsRedirect from "../../../policies/voiceassist/rules/web/https-redirect";
import nginxReloaded from "../../../policies/voiceassist/rules/web/nginx-reloaded";
import nginxSite from "../../../policies/voiceassist/rules/web/nginx-site";
import nginxTested from "../../../policies/voiceassist/rules/web/nginx-tested";
import securityHeaders from "../../../policies/voiceassist/rules/web/security-headers";
import websocket from "../../../policies/voiceassist/rules/web/websocket";
import { describeRule } from "./cases";
import { DOMAIN, UNKNOWN } from "./environment";

const LT = 'aws:ec2/launchTemplate:LaunchTemplate "app-lt"';
const userDataUnknown = (env: import("../../helpers/environment").Environment) => env.set("app-lt", "userData", UNKNOWN);

describeRule({
    rule: nginxSite,
    config: { domain: DOMAIN },
    fails: [
        { when: "no site is written", change: (env) => env.removeFile("/etc/nginx/conf.d/voiceassist.conf"), message: `${LT}: writes no nginx configuration file`, resource: "app-lt" },
        { when: "the site answers another name", change: (env) => env.editFile("/etc/nginx/conf.d/voiceassist.conf", (text) => text.replaceAll(`server_name ${DOMAIN};`, "server_name other.example.com;")), message: /has no nginx server proxying for voiceassist\.example\.com/ },
    ],
    unknown: userDataUnknown,
});

describeRule({
    rule: httpsRedirect,
    fails: [
        { when: "port 80 forwards plain HTTP", change: (env) => env.set("http", "defaultActions", [{ type: "forward", targetGroupArn: "<tg>" }]), message: 'aws:lb/listener:Listener "http": listens on port 80 over plain HTTP without a 301 redirect to HTTPS', resource: "http" },
        // The default action redirects, but a listener rule serves /api/* over plain HTTP.
        {
            when: "a listener rule of port 80 forwards plain HTTP",
            change: (env) => env.add("aws:lb/listenerRule:ListenerRule", "api-rule", { listenerArn: "<listener arn>", priority: 10, conditions: [{ pathPattern: { values: ["/api/*"] } }], actions: [{ type: "forward", targetGroupArn: "<tg arn>" }] }, { listenerArn: ["http"], actions: ["app-web"] }),
            message: 'aws:lb/listener:Listener "http": listens on port 80 over plain HTTP without a 301 redirect to HTTPS',
            resource: "http",
        },
    ],
    unknown: (env) => env.set("http", "defaultActions", UNKNOWN),
});

describeRule({
    rule: headersHsts,
    passes: [{ when: "only nginx sends HSTS", change: (env) => env.set("https", "routingHttpResponseStrictTransportSecurityHeaderValue", undefined) }],
    fails: [
        { when: "nobody sends HSTS", change: (env) => { env.set("https", "routingHttpResponseStrictTransportSecurityHeaderValue", undefined); env.editFile("/etc/nginx/conf.d/voiceassist.conf", (text) => text.replace(/ {4}add_header Strict-Transport-Security.*\n/, "")); }, message: `${LT}: nginx location / sends no Strict-Transport-Security` },
        { when: "HSTS lasts a day", change: (env) => env.editFile("/etc/nginx/conf.d/voiceassist.conf", (text) => text.replace("max-age=31536000", "max-age=86400")), message: /sends HSTS with max-age 86400; at least 31536000 is required/ },
    ],
    unknown: (env) => env.set("https", "routingHttpResponseStrictTransportSecurityHeaderValue", UNKNOWN),
});

describeRule({
    rule: securityHeaders,
    fails: [{ when: "a location drops the server's headers", change: (env) => env.editFile("/etc/nginx/conf.d/voiceassist.conf", (text) => text.replace("proxy_pass https://api.voiceassist.internal;", "proxy_pass https://api.voiceassist.internal;\n        add_header Cache-Control no-store;")), message: /nginx location \/ sends no X-Frame-Options, Content-Security-Policy, X-Content-Type-Options, Referrer-Policy/ }],
    unknown: userDataUnknown,
});

describeRule({
    rule: nginxTested,
    fails: [
        { when: "the configuration is never tested", change: (env) => env.command(/^nginx -t$/), message: `${LT}: never tests the nginx configuration (\`nginx -t\`)` },
        { when: "nginx is reloaded before the test", change: (env) => env.command(/^nginx -t$/).list("runcmd", (lines) => [...lines, "nginx -t"]), message: /reloads nginx before testing its configuration/ },
    ],
    unknown: userDataUnknown,
});

describeRule({
    rule: nginxReloaded,
    fails: [{ when: "nginx is never reloaded", change: (env) => env.command(/^systemctl restart nginx$/), message: `${LT}: never reloads nginx after writing its configuration (\`systemctl reload nginx\`)` }],
    unknown: userDataUnknown,
});

describeRule({
    rule: websocket,
    fails: [
        { when: "nginx drops the Upgrade header", change: (env) => env.editFile("/etc/nginx/conf.d/voiceassist.conf", (text) => text.replace("        proxy_set_header Upgrade $http_upgrade;\n", "")), message: /nginx location \/ does not pass WebSocket upgrades/ },
        { when: "the load balancer closes idle connections after 30 s", change: (env) => env.set("alb", "idleTimeout", 30), message: /closes idle connections after 30 s; WebSockets need at least 60 s/, resource: "alb" },
    ],
    unknown: (env) => env.set("alb", "idleTimeout", UNKNOWN),
});

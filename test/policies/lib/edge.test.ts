// The edge predicates of policies/lib/edge.ts on fixture resources: WAF rate limits normalised to
// 5 minutes from their evaluation window, network load balancers forwarding to a host, and listener
// rules forwarding like default actions.
import { PolicyResource } from "@pulumi/policy";
import { balancersFronting, forwardTargets, networkListenersTo, networkLoadBalancers, rateLimitProblem, redirectsToHttps, requestsPer5Minutes, wafRules } from "../../../policies/lib/edge";
import { hostsWithRole } from "../../../policies/lib/hosts";
import { automatedRule } from "../../../policies/lib/rule";
import { Environment, UNKNOWN } from "../../helpers/environment";
import { runRule } from "../../helpers/policy-harness";

/** Runs `probe` over the fixture's resources as a rule would; its reports come back as violations. */
async function probe(env: Environment, check: (resources: PolicyResource[], report: (message: string) => void) => void) {
    const rule = automatedRule({ name: "probe", items: ["WP-3.4.1.5"], description: "probe", severity: "low", remediationSteps: "none", validate: ({ resources, report }) => check(resources, report) });
    return runRule("warden-pbx", rule, env.resources());
}

function wafEnvironment(rateBasedStatement: Record<string, unknown>): Environment {
    return new Environment()
        .add("aws:lb/loadBalancer:LoadBalancer", "alb", { loadBalancerType: "application", internal: false })
        .add("aws:wafv2/webAcl:WebAcl", "waf", { scope: "REGIONAL", defaultAction: { allow: {} }, rules: [{ name: "rate", priority: 1, action: { block: {} }, statement: { rateBasedStatement: { aggregateKeyType: "IP", ...rateBasedStatement } } }] })
        .add("aws:wafv2/webAclAssociation:WebAclAssociation", "waf-association", { resourceArn: "<alb arn>", webAclArn: "<waf arn>" }, { resourceArn: ["alb"], webAclArn: ["waf"] });
}

const rateProblem = (env: Environment, max = 2000) =>
    probe(env, (resources, report) => {
        const [balancer] = resources.filter((resource) => resource.name === "alb");
        const problem = rateLimitProblem(resources, balancer, max);
        if (problem) {
            report(problem);
        }
    });

describe("WAF rate limits", () => {
    it("worst case per 5 minutes: a short window repeats, a long one lets the whole limit through", () => {
        expect(requestsPer5Minutes(2000, 300)).toBe(2000);
        expect(requestsPer5Minutes(2000, 60)).toBe(10000);
        expect(requestsPer5Minutes(801, 120)).toBe(2003);
        expect(requestsPer5Minutes(2000, 600)).toBe(2000);
    });

    it.each([
        [{ limit: 2000 }, []],
        [{ limit: 2000, evaluationWindowSec: 300 }, []],
        [{ limit: 400, evaluationWindowSec: 60 }, []],
        [{ limit: 2001 }, ["limits clients to 2001 requests per 5 minutes; at most 2000 are allowed"]],
        [{ limit: 401, evaluationWindowSec: 60 }, ["limits clients to 401 per 60 s, up to 2005 requests per 5 minutes; at most 2000 are allowed"]],
        [{ limit: 2000, evaluationWindowSec: 60 }, ["limits clients to 2000 per 60 s, up to 10000 requests per 5 minutes; at most 2000 are allowed"]],
        [{ limit: 2000, evaluationWindowSec: 600 }, []],
        [{ limit: 2001, evaluationWindowSec: 600 }, ["limits clients to 2001 per 600 s, up to 2001 requests per 5 minutes; at most 2000 are allowed"]],
        [{ limit: 1000, evaluationWindowSec: "soon" }, ["has a rate-based rule whose evaluationWindowSec (not a number) shows no rate; WAF counts over 60, 120, 300 or 600 seconds"]],
    ])("%j: %j", async (statement, messages) => {
        const run = await rateProblem(wafEnvironment(statement));
        expect(run.unknown).toEqual([]);
        expect(run.violations.map((violation) => violation.message)).toEqual(messages);
    });

    it("keeps the limit and the window apart in ruleJson too", async () => {
        const env = new Environment().add("aws:wafv2/webAcl:WebAcl", "waf", { ruleJson: JSON.stringify([{ Name: "rate", Action: { Block: {} }, Statement: { RateBasedStatement: { Limit: 500, EvaluationWindowSec: 120 } } }]) });
        const run = await probe(env, (resources, report) => wafRules(resources[0]).forEach((rule) => report(`${rule.rateLimit} ${rule.rateWindowSeconds} ${rule.ratePer5Minutes}`)));
        expect(run.violations.map((violation) => violation.message)).toEqual(["500 120 1250"]);
    });

    it("is unknown, not passed, when the window is unknown", async () => {
        const run = await rateProblem(wafEnvironment({ limit: 100, evaluationWindowSec: UNKNOWN }));
        expect(run.violations).toEqual([]);
        expect(run.unknown).toEqual(["wp-3.4.1.5-probe"]);
    });
});

describe("network load balancers", () => {
    /** A host tagged pbx, an internet-facing NLB and an ALB, each forwarding to the host. */
    function edge(): Environment {
        return new Environment()
            .add("aws:ec2/instance:Instance", "pbx", { instanceType: "c7i.xlarge", tags: { "readiness:role": "pbx" } })
            .add("aws:lb/loadBalancer:LoadBalancer", "nlb", { loadBalancerType: "network", internal: false })
            .add("aws:lb/loadBalancer:LoadBalancer", "alb", { internal: false })
            .add("aws:lb/targetGroup:TargetGroup", "web", { port: 80, protocol: "TCP" })
            .add("aws:lb/targetGroup:TargetGroup", "sip", { port: 5060, protocol: "UDP" })
            .add("aws:lb/targetGroupAttachment:TargetGroupAttachment", "web-pbx", { targetGroupArn: "<web>", targetId: "<pbx>", port: 8080 }, { targetGroupArn: ["web"], targetId: ["pbx"] })
            .add("aws:lb/targetGroupAttachment:TargetGroupAttachment", "sip-pbx", { targetGroupArn: "<sip>", targetId: "<pbx>" }, { targetGroupArn: ["sip"], targetId: ["pbx"] })
            .add("aws:lb/listener:Listener", "tcp-80", { loadBalancerArn: "<nlb>", port: 80, protocol: "TCP", defaultActions: [{ type: "forward" }] }, { loadBalancerArn: ["nlb"], defaultActions: ["web"] })
            .add("aws:lb/listener:Listener", "udp-5060", { loadBalancerArn: "<nlb>", port: 5060, protocol: "UDP", defaultActions: [{ type: "forward" }] }, { loadBalancerArn: ["nlb"], defaultActions: ["sip"] })
            .add("aws:lb/listener:Listener", "alb-http", { loadBalancerArn: "<alb>", port: 80, protocol: "HTTP", defaultActions: [{ type: "forward" }] }, { loadBalancerArn: ["alb"], defaultActions: ["web"] });
    }
    const listeners = (env: Environment) =>
        probe(env, (resources, report) => {
            report(`network: ${networkLoadBalancers(resources).map((balancer) => balancer.name).join(" ")}`);
            for (const host of hostsWithRole(resources, "pbx")) {
                networkListenersTo(resources, host).forEach(({ listener, ports }) => report(`${listener.name} -> ${ports.join(" ")}`));
            }
        });

    it("finds the network load balancers' listeners forwarding to the host, with the host ports (attachment port first)", async () => {
        const run = await listeners(edge());
        expect(run.violations.map((violation) => violation.message)).toEqual(["network: nlb", "tcp-80 -> 8080", "udp-5060 -> 5060"]);
    });

    it("leaves internal network load balancers out", async () => {
        const run = await listeners(edge().set("nlb", "internal", true));
        expect(run.violations.map((violation) => violation.message)).toEqual(["network: nlb"]);
    });

    it("is unknown when whether the balancer is internal is unknown", async () => {
        const run = await listeners(edge().set("nlb", "internal", UNKNOWN));
        expect(run.violations).toEqual([]);
        expect(run.unknown).toEqual(["wp-3.4.1.5-probe"]);
    });
});

describe("listener rules", () => {
    /** A host tagged pbx behind an ALB whose listeners answer by default and forward /api/* to the host in a listener rule. */
    function edge(action: Record<string, unknown> = { type: "forward", targetGroupArn: "<api>" }): Environment {
        return new Environment()
            .add("aws:ec2/instance:Instance", "pbx", { instanceType: "c7i.xlarge", tags: { "readiness:role": "pbx" } })
            .add("aws:lb/loadBalancer:LoadBalancer", "alb", { internal: false })
            .add("aws:lb/targetGroup:TargetGroup", "api", { port: 8080, protocol: "HTTP" })
            .add("aws:lb/targetGroupAttachment:TargetGroupAttachment", "api-pbx", { targetGroupArn: "<api>", targetId: "<pbx>" }, { targetGroupArn: ["api"], targetId: ["pbx"] })
            .add("aws:lb/listener:Listener", "https", { loadBalancerArn: "<alb>", port: 443, protocol: "HTTPS", defaultActions: [{ type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "404" } }] }, { loadBalancerArn: ["alb"] })
            .add("aws:lb/listener:Listener", "http", { loadBalancerArn: "<alb>", port: 80, protocol: "HTTP", defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }] }, { loadBalancerArn: ["alb"] })
            .add("aws:alb/listenerRule:ListenerRule", "api-rule", { listenerArn: "<https>", priority: 10, conditions: [{ pathPattern: { values: ["/api/*"] } }], actions: [{ type: "forward", targetGroupArn: "<api>" }] }, { listenerArn: ["https"], actions: ["api"] })
            .add("aws:lb/listenerRule:ListenerRule", "http-rule", { listenerArn: "<http>", priority: 10, conditions: [{ pathPattern: { values: ["/api/*"] } }], actions: [action] }, { listenerArn: ["http"], ...(action.type === "forward" ? { actions: ["api"] } : {}) });
    }
    const edgeFacts = (env: Environment) =>
        probe(env, (resources, report) => {
            for (const listener of resources.filter((resource) => resource.type === "aws:lb/listener:Listener")) {
                report(`${listener.name} forwards to ${forwardTargets(resources, listener).map((group) => group.name).join(" ") || "nothing"}; only redirects: ${redirectsToHttps(resources, listener)}`);
            }
            for (const host of hostsWithRole(resources, "pbx")) {
                report(`fronting: ${balancersFronting(resources, host).map((balancer) => balancer.name).join(" ")}`);
            }
        });

    it("count their forwards as the listener's: target groups, fronting balancers, plain HTTP served", async () => {
        const run = await edgeFacts(edge());
        expect(run.violations.map((violation) => violation.message)).toEqual(["https forwards to api; only redirects: false", "http forwards to api; only redirects: false", "fronting: alb"]);
    });

    it("leave a plain listener redirecting when every rule redirects to HTTPS too", async () => {
        const run = await edgeFacts(edge({ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }));
        expect(run.violations.map((violation) => violation.message)).toEqual(["https forwards to api; only redirects: false", "http forwards to nothing; only redirects: true", "fronting: alb"]);
    });

    it("is unknown when a rule's actions are unknown", async () => {
        const run = await edgeFacts(edge().set("http-rule", "actions", UNKNOWN));
        expect(run.violations).toEqual([]);
        expect(run.unknown).toEqual(["wp-3.4.1.5-probe"]);
    });
});

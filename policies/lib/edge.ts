// The HTTP(S) edge: application and network load balancers, their listeners and target groups, the WAF web ACLs
// associated with them, and ACM certificates. Relations (listener -> load balancer, association ->
// web ACL, validation -> certificate) come from property dependencies.
import { PolicyResource } from "@pulumi/policy";
import { Host } from "./hosts";
import { asNumber, ofType, referenced, referrers } from "./resources";

export const LOAD_BALANCER_TYPES = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];
export const LISTENER_TYPES = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];
export const LISTENER_RULE_TYPES = ["aws:lb/listenerRule:ListenerRule", "aws:alb/listenerRule:ListenerRule"];
export const TARGET_GROUP_TYPES = ["aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup"];
export const TARGET_GROUP_ATTACHMENT_TYPES = ["aws:lb/targetGroupAttachment:TargetGroupAttachment", "aws:alb/targetGroupAttachment:TargetGroupAttachment"];
export const WEB_ACL = "aws:wafv2/webAcl:WebAcl";
export const WEB_ACL_ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation";
export const CERTIFICATE = "aws:acm/certificate:Certificate";
export const CERTIFICATE_VALIDATION = "aws:acm/certificateValidation:CertificateValidation";

/** Application load balancers (the type defaults to application). */
export function applicationLoadBalancers(resources: PolicyResource[]): PolicyResource[] {
    return ofType(resources, ...LOAD_BALANCER_TYPES).filter((balancer) => (balancer.props.loadBalancerType ?? "application") === "application");
}

/** Network load balancers (TCP, UDP, TCP_UDP and TLS listeners; they cannot redirect). */
export function networkLoadBalancers(resources: PolicyResource[]): PolicyResource[] {
    return ofType(resources, ...LOAD_BALANCER_TYPES).filter((balancer) => balancer.props.loadBalancerType === "network");
}

export function isInternetFacing(balancer: PolicyResource): boolean {
    return balancer.props.internal !== true;
}

export function listenersOf(resources: PolicyResource[], balancer: PolicyResource): PolicyResource[] {
    return ofType(resources, ...LISTENER_TYPES).filter((listener) => referenced(listener, "loadBalancerArn").some((dependency) => dependency.urn === balancer.urn));
}

export function listenerPort(listener: PolicyResource): number | undefined {
    return asNumber(listener.props.port);
}

export function listenerProtocol(listener: PolicyResource): string {
    return String(listener.props.protocol ?? "HTTP").toUpperCase();
}

/** Listener rules of the listener (their listenerArn refers to it). */
export function listenerRulesOf(resources: PolicyResource[], listener: PolicyResource): PolicyResource[] {
    return ofType(resources, ...LISTENER_RULE_TYPES).filter((rule) => referenced(rule, "listenerArn").some((dependency) => dependency.urn === listener.urn));
}

function redirectsActionsToHttps(actions: Record<string, unknown>[]): boolean {
    return actions.some((action) => {
        const redirect = action.redirect as Record<string, unknown> | undefined;
        return action.type === "redirect" && redirect !== undefined && String(redirect.protocol).toUpperCase() === "HTTPS" && redirect.statusCode === "HTTP_301";
    });
}

/**
 * The listener only redirects to HTTPS with a permanent redirect: its default actions do, and so
 * does every listener rule of it (a rule forwarding or answering on a plain listener serves HTTP).
 */
export function redirectsToHttps(resources: PolicyResource[], listener: PolicyResource): boolean {
    return (
        redirectsActionsToHttps((listener.props.defaultActions ?? []) as Record<string, unknown>[]) &&
        listenerRulesOf(resources, listener).every((rule) => redirectsActionsToHttps((rule.props.actions ?? []) as Record<string, unknown>[]))
    );
}

/** Target groups a listener forwards to: in its default actions and in the actions of its listener rules. */
export function forwardTargets(resources: PolicyResource[], listener: PolicyResource): PolicyResource[] {
    const targets = [...referenced(listener, "defaultActions"), ...listenerRulesOf(resources, listener).flatMap((rule) => referenced(rule, "actions"))].filter((dependency) => TARGET_GROUP_TYPES.includes(dependency.type));
    return [...new Map(targets.map((group) => [group.urn, group])).values()];
}

/** Target group attachments registering the host. */
function attachmentsOfHost(resources: PolicyResource[], host: Host): PolicyResource[] {
    return ofType(resources, ...TARGET_GROUP_ATTACHMENT_TYPES).filter((attachment) => referenced(attachment, "targetId").some((dependency) => dependency.urn === host.instance.urn));
}

/** How many target groups the forward actions name (targetGroupArn, or forward.targetGroups; AWS requires both to name the same group when both are set). */
function forwardSlots(actions: unknown): number {
    return (Array.isArray(actions) ? (actions as Record<string, unknown>[]) : []).reduce((count, action) => {
        const weighted = ((action.forward ?? {}) as Record<string, unknown>).targetGroups;
        return count + Math.max("targetGroupArn" in action ? 1 : 0, Array.isArray(weighted) ? weighted.length : 0);
    }, 0);
}

/**
 * The listener and its listener rules that forward to a target group the program does not create
 * (a literal ARN): they name more target groups than their property dependencies hold. Only the
 * presence of the ARNs is read, so a first preview, where the program's ARNs are unknown, counts too.
 */
export function foreignForwards(resources: PolicyResource[], listener: PolicyResource): PolicyResource[] {
    const programGroups = (resource: PolicyResource, property: string) => referenced(resource, property).filter((dependency) => TARGET_GROUP_TYPES.includes(dependency.type)).length;
    return [
        ...(forwardSlots(listener.props.defaultActions) > programGroups(listener, "defaultActions") ? [listener] : []),
        ...listenerRulesOf(resources, listener).filter((rule) => forwardSlots(rule.props.actions) > programGroups(rule, "actions")),
    ];
}

/** Target group attachments registering the host. */
export function targetGroupsOfHost(resources: PolicyResource[], host: Host): PolicyResource[] {
    return attachmentsOfHost(resources, host).flatMap((attachment) => referenced(attachment, "targetGroupArn").filter((dependency) => TARGET_GROUP_TYPES.includes(dependency.type)));
}

/** Load balancers whose listeners forward to one of the target groups. */
export function balancersForwardingTo(resources: PolicyResource[], groups: PolicyResource[]): PolicyResource[] {
    const urns = new Set(groups.map((group) => group.urn));
    return applicationLoadBalancers(resources).filter((balancer) => listenersOf(resources, balancer).some((listener) => forwardTargets(resources, listener).some((group) => urns.has(group.urn))));
}

/** Web ACLs associated with the load balancer. */
export function webAclsOf(resources: PolicyResource[], balancer: PolicyResource): PolicyResource[] {
    return referrers(resources, balancer, "resourceArn", WEB_ACL_ASSOCIATION).flatMap((association) => referenced(association, "webAclArn", WEB_ACL));
}

export interface WafRule {
    name: string;
    blocks: boolean;
    /** The rate-based statement's limit, counted per evaluation window. */
    rateLimit?: number;
    /** The window the limit counts over (evaluationWindowSec: 60, 120, 300 or 600; default 300). */
    rateWindowSeconds?: number;
    /** Most requests a client can send in 5 minutes before being blocked; undefined when not shown. */
    ratePer5Minutes?: number;
    managedGroup?: string;
}

/** WAF's evaluation window when a rate-based statement sets none. */
export const WAF_DEFAULT_WINDOW_SECONDS = 300;

/**
 * Requests a client can send in any 5 minutes under `limit` per `windowSeconds`: a shorter window
 * lets the limit through again every window (2000 per 60 s is about 10000 per 5 minutes); a longer
 * one still lets the whole limit through within 5 minutes.
 */
export function requestsPer5Minutes(limit: number, windowSeconds: number): number {
    return Math.ceil(limit * Math.max(1, WAF_DEFAULT_WINDOW_SECONDS / windowSeconds));
}

function statementsOf(statement: Record<string, unknown> | undefined): Record<string, unknown>[] {
    if (!statement) {
        return [];
    }
    const nested = ["andStatement", "orStatement", "notStatement"].flatMap((key) => {
        const inner = statement[key] as Record<string, unknown> | undefined;
        return ((inner?.statements ?? (inner?.statement ? [inner.statement] : [])) as Record<string, unknown>[]).flatMap(statementsOf);
    });
    const scoped = (statement.rateBasedStatement as Record<string, unknown> | undefined)?.scopeDownStatement as Record<string, unknown> | undefined;
    return [statement, ...nested, ...statementsOf(scoped)];
}

/** The rules of a web ACL (the `rules` argument, or `ruleJson`). */
export function wafRules(acl: PolicyResource): WafRule[] {
    const rules: Record<string, unknown>[] = typeof acl.props.ruleJson === "string" ? parseRuleJson(acl.props.ruleJson) : ((acl.props.rules ?? []) as Record<string, unknown>[]);
    return rules.map((rule) => {
        const statements = statementsOf(rule.statement as Record<string, unknown> | undefined);
        const rate = statements.map((statement) => statement.rateBasedStatement as Record<string, unknown> | undefined).find((entry) => entry !== undefined);
        const managed = statements.map((statement) => statement.managedRuleGroupStatement as Record<string, unknown> | undefined).find((entry) => entry !== undefined);
        const action = (rule.action ?? {}) as Record<string, unknown>;
        const override = (rule.overrideAction ?? {}) as Record<string, unknown>;
        const limit = rate ? asNumber(rate.limit) : undefined;
        const window = rate ? (rate.evaluationWindowSec === undefined ? WAF_DEFAULT_WINDOW_SECONDS : asNumber(rate.evaluationWindowSec)) : undefined;
        return {
            name: String(rule.name ?? ""),
            // Managed groups block unless overridden to count; plain rules block with action block.
            blocks: managed ? !("count" in override) : "block" in action,
            rateLimit: limit,
            rateWindowSeconds: window,
            // A window that is not a positive number shows no rate at all.
            ratePer5Minutes: limit !== undefined && window !== undefined && window > 0 ? requestsPer5Minutes(limit, window) : undefined,
            managedGroup: managed ? String(managed.name) : undefined,
        };
    });
}

/** ruleJson as rules; JSON AWS would reject counts as no rules, so rules report what is missing. */
function parseRuleJson(text: string): Record<string, unknown>[] {
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        return [];
    }
    return Array.isArray(parsed) ? normalizeJsonRules(parsed) : [];
}

/** WAF API JSON (PascalCase) to the provider's camelCase shape. */
function normalizeJsonRules(rules: unknown[]): Record<string, unknown>[] {
    const convert = (value: unknown): unknown => {
        if (Array.isArray(value)) {
            return value.map(convert);
        }
        if (value && typeof value === "object") {
            return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key.charAt(0).toLowerCase() + key.slice(1), convert(inner)]));
        }
        return value;
    };
    return convert(rules) as Record<string, unknown>[];
}

export function certificates(resources: PolicyResource[]): PolicyResource[] {
    return ofType(resources, CERTIFICATE);
}

/** An ACM certificate imported from elsewhere (certificateBody / privateKey given). */
export function isImported(certificate: PolicyResource): boolean {
    return "privateKey" in certificate.props || "certificateBody" in certificate.props;
}

/** An ACM certificate an ACM Private CA issues: certificateAuthorityArn is set (even when its value is unknown). */
export function isPrivateCaIssued(certificate: PolicyResource): boolean {
    return "certificateAuthorityArn" in certificate.props;
}

/** An ACM certificate Amazon's public CA issues: neither imported nor from a private CA. */
export function isAmazonIssued(certificate: PolicyResource): boolean {
    return !isImported(certificate) && !isPrivateCaIssued(certificate);
}

export function validationsOf(resources: PolicyResource[], certificate: PolicyResource): PolicyResource[] {
    return referrers(resources, certificate, "certificateArn", CERTIFICATE_VALIDATION);
}

/** Certificates the HTTPS listener serves. */
export function listenerCertificates(listener: PolicyResource): PolicyResource[] {
    return referenced(listener, "certificateArn").flatMap((dependency) => {
        if (dependency.type === CERTIFICATE) {
            return [dependency];
        }
        // A CertificateValidation's certificateArn output stands for its certificate.
        return dependency.type === CERTIFICATE_VALIDATION ? referenced(dependency, "certificateArn", CERTIFICATE) : [];
    });
}

/** Ports the host is registered on in a target group (the attachment's port, else the group's). */
export function hostPortsIn(resources: PolicyResource[], host: Host, group: PolicyResource): number[] {
    return attachmentsOfHost(resources, host)
        .filter((attachment) => referenced(attachment, "targetGroupArn").some((dependency) => dependency.urn === group.urn))
        .map((attachment) => asNumber(attachment.props.port) ?? asNumber(group.props.port))
        .filter((port): port is number => port !== undefined);
}

/** Listeners of the load balancers forwarding to the host, with the host ports they reach. */
export function listenersReaching(resources: PolicyResource[], host: Host, balancers: PolicyResource[]): { listener: PolicyResource; ports: number[] }[] {
    const groups = targetGroupsOfHost(resources, host);
    return balancers
        .flatMap((balancer) => listenersOf(resources, balancer))
        .map((listener) => ({ listener, targets: forwardTargets(resources, listener).filter((group) => groups.some((candidate) => candidate.urn === group.urn)) }))
        .filter(({ targets }) => targets.length > 0)
        .map(({ listener, targets }) => ({ listener, ports: [...new Set(targets.flatMap((group) => hostPortsIn(resources, host, group)))] }));
}

/** Listeners of internet-facing network load balancers forwarding to the host, with the host ports they reach. */
export function networkListenersTo(resources: PolicyResource[], host: Host): { listener: PolicyResource; ports: number[] }[] {
    return listenersReaching(resources, host, networkLoadBalancers(resources).filter(isInternetFacing));
}

/** Internet-facing application load balancers forwarding to the host (through its target groups). */
export function balancersFronting(resources: PolicyResource[], host: Host): PolicyResource[] {
    return balancersForwardingTo(resources, targetGroupsOfHost(resources, host)).filter(isInternetFacing);
}

/** ACM certificates served by the HTTPS listeners of the program's load balancers. */
export function servedCertificates(resources: PolicyResource[]): PolicyResource[] {
    const served = ofType(resources, ...LISTENER_TYPES)
        .filter((listener) => listenerProtocol(listener) === "HTTPS")
        .flatMap(listenerCertificates);
    return [...new Map(served.map((certificate) => [certificate.urn, certificate])).values()];
}

/** Why the load balancer's WAF does not limit request rates per client to `maxPer5Minutes`, or undefined. */
export function rateLimitProblem(resources: PolicyResource[], balancer: PolicyResource, maxPer5Minutes: number): string | undefined {
    const rate = webAclsOf(resources, balancer)
        .flatMap(wafRules)
        .filter((rule) => rule.rateLimit !== undefined && rule.blocks);
    if (rate.length === 0) {
        return "has no WAF web ACL with a blocking rate-based rule";
    }
    if (rate.some((rule) => (rule.ratePer5Minutes ?? Infinity) <= maxPer5Minutes)) {
        return undefined;
    }
    const loosest = rate.reduce((best, rule) => ((rule.ratePer5Minutes ?? Infinity) < (best.ratePer5Minutes ?? Infinity) ? rule : best));
    if (loosest.ratePer5Minutes === undefined) {
        return `has a rate-based rule whose evaluationWindowSec (${loosest.rateWindowSeconds ?? "not a number"}) shows no rate; WAF counts over 60, 120, 300 or 600 seconds`;
    }
    const window = loosest.rateWindowSeconds === WAF_DEFAULT_WINDOW_SECONDS ? "" : ` per ${loosest.rateWindowSeconds} s, up to ${loosest.ratePer5Minutes}`;
    return `limits clients to ${loosest.rateLimit}${window} requests per 5 minutes; at most ${maxPer5Minutes} are allowed`;
}

/** What the load balancer's WAF lacks against floods: a blocking rate rule and the required managed groups. */
export function floodProtectionProblems(resources: PolicyResource[], balancer: PolicyResource, requiredManagedRuleGroups: string[]): string[] {
    const acls = webAclsOf(resources, balancer);
    if (acls.length === 0) {
        return ["has no WAF web ACL associated"];
    }
    const rules = acls.flatMap(wafRules);
    const problems: string[] = [];
    if (!rules.some((rule) => rule.rateLimit !== undefined && rule.blocks)) {
        problems.push("has a WAF web ACL without a blocking rate-based rule, so request floods pass");
    }
    const missing = requiredManagedRuleGroups.filter((group) => !rules.some((rule) => rule.managedGroup === group && rule.blocks));
    if (missing.length > 0) {
        problems.push(`has a WAF web ACL without ${missing.join(", ")}`);
    }
    return problems;
}

export const SHIELD_PROTECTION = "aws:shield/protection:Protection";

/** Resources an AWS Shield Advanced protection covers. */
export function shieldedUrns(resources: PolicyResource[]): Set<string> {
    return new Set(ofType(resources, SHIELD_PROTECTION).flatMap((protection) => referenced(protection, "resourceArn")).map((resource) => resource.urn));
}

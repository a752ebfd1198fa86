// Runs policies on fixture resources through @pulumi/policy's own AnalyzeStack implementation
// (the function its gRPC server calls), so that rule tests see exactly the arguments a pack sees
// under the Pulumi CLI: deserialized properties behind the unknown-checking proxy, resolved
// parents and property dependencies, notApplicable, and the SDK's "can't run during preview".
import { StackValidationPolicy } from "@pulumi/policy";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import { convertResponse, stackRequest } from "../../gate/analyzer";
import { RecordedResource, ResourceOptions, UNKNOWN, resourceUrn } from "../../gate/program";
import { AutomatedRule, ConfigProperty, Rule } from "../../policies/lib/rule";
import { RuleRegistry } from "../../policies/lib/registry";
import { ChecklistName } from "../../policies/lib/catalog";

export { UNKNOWN };

type Callback = (error: Error | null, value: analyzerproto.AnalyzeResponse) => void;
// Internal to @pulumi/policy (not in its typings): the function its gRPC server registers for AnalyzeStack.
const { makeAnalyzeStackRpcFun } = require("@pulumi/policy/server") as {
    makeAnalyzeStackRpcFun(pack: string, version: string, level: string, policies: StackValidationPolicy[]): (call: { request: analyzerproto.AnalyzeStackRequest }, callback: Callback) => void;
};

const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** A property value the engine marks secret. */
export function secret(value: unknown): unknown {
    return { [SECRET_SIG_KEY]: SECRET_SIG, value };
}

export interface FixtureOptions {
    parent?: FixtureResource;
    protect?: boolean;
    retainOnDelete?: boolean;
    custom?: boolean;
    /** Property name -> resources it refers to (what `pulumi.Output` dependencies record). */
    dependsOn?: Record<string, FixtureResource[]>;
    ignoreChanges?: string[];
    deleteBeforeReplace?: boolean;
    /** An explicit provider (a `pulumi:providers:<pkg>` fixture in the same run). */
    provider?: FixtureResource;
}

export type FixtureResource = RecordedResource;

const STACK = "test";
const PROJECT = "fixture";

/** A resource as the engine would send it. */
export function resource(type: string, name: string, props: Record<string, unknown>, options: FixtureOptions = {}): FixtureResource {
    const dependsOn = options.dependsOn ?? {};
    const resourceOptions: ResourceOptions = {
        protect: options.protect ?? false,
        retainOnDelete: options.retainOnDelete ?? false,
        deleteBeforeReplace: options.deleteBeforeReplace,
        ignoreChanges: options.ignoreChanges ?? [],
        additionalSecretOutputs: [],
        aliases: [],
        replaceOnChanges: [],
        customTimeouts: { create: "", update: "", delete: "" },
    };
    return {
        urn: resourceUrn(PROJECT, STACK, options.parent?.urn ?? "", type, name),
        type,
        name,
        custom: options.custom ?? !type.includes(":component:"),
        parent: options.parent?.urn,
        provider: options.provider ? `${options.provider.urn}::${options.provider.name}-id` : undefined,
        inputs: props,
        properties: props,
        dependencies: [...new Set(Object.values(dependsOn).flat().map((dependency) => dependency.urn))],
        propertyDependencies: Object.fromEntries(Object.entries(dependsOn).map(([key, list]) => [key, list.map((dependency) => dependency.urn)])),
        options: resourceOptions,
    };
}

export interface PolicyRun {
    violations: { policy: string; message: string; urn?: string; enforcementLevel: string }[];
    notApplicable: { policy: string; reason: string }[];
    /** Policies the SDK could not run because they read an unknown value. */
    unknown: string[];
}

const PREVIEW_UNKNOWN = /^can't run policy '([^']+)' from policy pack/;

export async function analyzeStack(policies: StackValidationPolicy[], resources: FixtureResource[]): Promise<PolicyRun> {
    const rpc = makeAnalyzeStackRpcFun("test-pack", "0.0.0", "mandatory", policies);
    const request = stackRequest(resources, new Map(resources.map((entry) => [entry.urn, entry])));
    const response = await new Promise<analyzerproto.AnalyzeResponse>((resolve, reject) => {
        rpc({ request }, (error, value) => (error ? reject(error) : resolve(value)));
    });
    const result = convertResponse(response);
    const unknown = result.diagnostics.filter((diagnostic) => PREVIEW_UNKNOWN.test(diagnostic.message));
    return {
        violations: result.diagnostics
            .filter((diagnostic) => !unknown.includes(diagnostic))
            .map((diagnostic) => ({
                policy: diagnostic.policyName,
                // The SDK puts the policy description on the first line; the rest is the rule's message.
                message: diagnostic.message.split("\n").slice(1).join("\n") || diagnostic.message,
                urn: diagnostic.urn,
                enforcementLevel: diagnostic.enforcementLevel,
            })),
        notApplicable: result.notApplicable.map((entry) => ({ policy: entry.policyName, reason: entry.reason })),
        unknown: unknown.map((diagnostic) => diagnostic.policyName),
    };
}

/** A rule with some config defaults replaced, to test thresholds the way policy config sets them. */
export function withConfig(rule: AutomatedRule, overrides: Record<string, unknown>): AutomatedRule {
    const config: Record<string, ConfigProperty<unknown>> = { ...rule.config };
    for (const [key, value] of Object.entries(overrides)) {
        if (!config[key]) {
            throw new Error(`rule ${rule.name} has no config property ${key}`);
        }
        config[key] = { ...config[key], default: value as ConfigProperty<unknown>["default"] };
    }
    return { ...rule, config };
}

/** The policies of one rule, as its pack would serve them. */
export function policiesOf(checklist: ChecklistName, ...rules: Rule[]): StackValidationPolicy[] {
    return new RuleRegistry(checklist).add(...rules).policies();
}

/** Runs one rule; the result lists only that rule's outcome. */
export async function runRule(checklist: ChecklistName, rule: Rule, resources: FixtureResource[]): Promise<PolicyRun> {
    return analyzeStack(policiesOf(checklist, rule), resources);
}

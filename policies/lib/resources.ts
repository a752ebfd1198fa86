// Small helpers over the resources a stack policy sees, shared by both packs.
import { PolicyResource } from "@pulumi/policy";

export function ofType(resources: PolicyResource[], ...types: string[]): PolicyResource[] {
    return resources.filter((resource) => types.includes(resource.type));
}

/** AWS tags (inputs), or Kubernetes labels. */
export function tagsOf(resource: PolicyResource): Record<string, string> {
    const tags = resource.props.tags ?? resource.props.metadata?.labels;
    return tags && typeof tags === "object" ? (tags as Record<string, string>) : {};
}

/**
 * The resources a property refers to. Property dependencies are known in a first preview even
 * when the referenced ARN or id is not, so relations are read from them rather than from values.
 */
export function referenced(resource: PolicyResource, property: string, type?: string): PolicyResource[] {
    const dependencies = resource.propertyDependencies[property] ?? [];
    return type ? dependencies.filter((dependency) => dependency.type === type) : dependencies;
}

/** Resources whose `property` refers to `target`. */
export function referrers(resources: PolicyResource[], target: PolicyResource, property: string, type?: string): PolicyResource[] {
    return resources.filter((resource) => (!type || resource.type === type) && referenced(resource, property).some((dependency) => dependency.urn === target.urn));
}

/** Descendants of a resource (children, grandchildren, ...), e.g. everything a component built. */
export function descendants(resources: PolicyResource[], ancestor: PolicyResource): PolicyResource[] {
    return resources.filter((resource) => {
        for (let current = resource.parent; current; current = current.parent) {
            if (current.urn === ancestor.urn) {
                return true;
            }
        }
        return false;
    });
}

export function asNumber(value: unknown): number | undefined {
    if (typeof value === "number" && Number.isFinite(value)) {
        return value;
    }
    if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) {
        return Number(value);
    }
    return undefined;
}

/** The value Pulumi's wire protocol sends for what a preview does not know yet (the SDK's proxy throws when it is read). */
const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * The field holds a value a preview does not know, told without reading it: the field's own
 * descriptor is not checked by the SDK's proxy. Only for rules that decide what an unknown value
 * stands for from property dependencies; everything else reads the value and lets the SDK end the
 * rule unknown.
 */
export function isUnknownField(holder: object, key: string): boolean {
    return Object.getOwnPropertyDescriptor(holder, key)?.value === UNKNOWN_VALUE;
}

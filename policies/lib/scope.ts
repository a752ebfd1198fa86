// Which resources a pack looks at.
//
// A resource belongs to a blueprint when it, or an ancestor, is marked for it: the AWS tag
// `readiness:blueprint`, the Kubernetes label `readiness/blueprint`, or the blueprint's own
// component type in its URN's type chain (which also covers untaggable children such as volume
// attachments, EIP associations and subscriptions, and is known in a first preview).
//
// Scope "all" (the default): every resource of the program except those that belong to another
// kit blueprint, so the packs work on programs that are not ours, and in a stack that builds
// both blueprints each pack judges its own environment plus what the two share (unmarked
// account-wide resources). Scope "blueprint": only resources that belong to the pack's blueprint.
import { PolicyResource } from "@pulumi/policy";
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

export type Scope = "all" | "blueprint";

export const BLUEPRINT_TAG = "readiness:blueprint";
export const BLUEPRINT_LABEL = "readiness/blueprint";

/** The component type of each kit blueprint; every resource a blueprint builds descends from it. */
export const BLUEPRINT_TYPES: Record<string, string> = {
    "warden-pbx": "readiness:blueprint:WardenPbx",
    voiceassist: "readiness:blueprint:VoiceAssist",
};

export const SCOPE_SCHEMA: PolicyConfigJSONSchema = {
    type: "string",
    enum: ["all", "blueprint"],
    default: "all",
    description: `"all": every resource except those of another kit blueprint; "blueprint": only resources of the pack's blueprint (tag ${BLUEPRINT_TAG}, label ${BLUEPRINT_LABEL}, or built by its blueprint component).`,
};

function marker(resource: PolicyResource): unknown {
    const tags = resource.props.tags;
    if (tags && typeof tags === "object" && BLUEPRINT_TAG in tags) {
        return tags[BLUEPRINT_TAG];
    }
    const labels = resource.props.metadata?.labels;
    if (labels && typeof labels === "object" && BLUEPRINT_LABEL in labels) {
        return labels[BLUEPRINT_LABEL];
    }
    return undefined;
}

/** The blueprint from the URN's type chain ("a$b$c"), if a blueprint component is in it. */
function blueprintFromUrn(urn: string): string | undefined {
    const chain = (urn.split("::")[2] ?? "").split("$");
    return Object.keys(BLUEPRINT_TYPES).find((name) => chain.includes(BLUEPRINT_TYPES[name]));
}

/** The blueprint a resource belongs to, or undefined when it belongs to none. */
export function blueprintOf(resource: PolicyResource): string | undefined {
    for (let current: PolicyResource | undefined = resource; current; current = current.parent) {
        const marked = marker(current);
        if (typeof marked === "string") {
            return marked;
        }
    }
    return blueprintFromUrn(resource.urn);
}

export function inBlueprint(resource: PolicyResource, blueprint: string): boolean {
    return blueprintOf(resource) === blueprint;
}

export function scoped(resources: PolicyResource[], scope: Scope, blueprint: string): PolicyResource[] {
    if (scope === "blueprint") {
        return resources.filter((resource) => inBlueprint(resource, blueprint));
    }
    return resources.filter((resource) => {
        const owner = blueprintOf(resource);
        return owner === undefined || owner === blueprint;
    });
}

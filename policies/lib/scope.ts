// Which resources a pack looks at. By default every resource of the program, so the packs work
// on programs that are not ours. With scope "blueprint", only resources marked for the pack's
// blueprint (AWS tag `readiness:blueprint`, Kubernetes label `readiness/blueprint`), or whose
// ancestor is, so that a user can run the pack on a program that also holds other things.
import { PolicyResource } from "@pulumi/policy";
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

export type Scope = "all" | "blueprint";

export const BLUEPRINT_TAG = "readiness:blueprint";
export const BLUEPRINT_LABEL = "readiness/blueprint";

export const SCOPE_SCHEMA: PolicyConfigJSONSchema = {
    type: "string",
    enum: ["all", "blueprint"],
    default: "all",
    description: `"all": every resource of the program; "blueprint": only resources tagged ${BLUEPRINT_TAG} (label ${BLUEPRINT_LABEL}) with the pack's blueprint, or their descendants.`,
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

export function inBlueprint(resource: PolicyResource, blueprint: string): boolean {
    for (let current: PolicyResource | undefined = resource; current; current = current.parent) {
        if (marker(current) === blueprint) {
            return true;
        }
    }
    return false;
}

export function scoped(resources: PolicyResource[], scope: Scope, blueprint: string): PolicyResource[] {
    return scope === "all" ? resources : resources.filter((resource) => inBlueprint(resource, blueprint));
}

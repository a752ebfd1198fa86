// IAM policy documents (resource policies such as a backup vault's access policy) read as JSON:
// their statements with actions, principals and resources as lists, matched the way IAM does
// (wildcards * and ?, actions case-insensitive). Rules judge statements, never the raw text, so
// that a Deny of one action cannot pass for a Deny of another.

export interface Statement {
    effect: string;
    actions: string[];
    notActions: string[];
    principal: unknown;
    notPrincipal: unknown;
    resources: string[];
    notResources: string[];
    condition: unknown;
}

function list(value: unknown): string[] {
    if (value === undefined || value === null) {
        return [];
    }
    return (Array.isArray(value) ? value : [value]).map((entry) => String(entry));
}

/** The statements of a policy document, or why the text is not one. */
export function policyStatements(text: string): Statement[] | string {
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (error) {
        return `is not valid JSON (${(error as Error).message})`;
    }
    if (!parsed || typeof parsed !== "object" || !("Statement" in parsed)) {
        return "has no Statement";
    }
    const raw = (parsed as { Statement: unknown }).Statement;
    const statements = (Array.isArray(raw) ? raw : [raw]) as unknown[];
    if (statements.some((statement) => !statement || typeof statement !== "object")) {
        return "has a Statement that is not an object";
    }
    return statements.map((entry) => {
        const statement = entry as Record<string, unknown>;
        return {
            effect: String(statement.Effect ?? ""),
            actions: list(statement.Action),
            notActions: list(statement.NotAction),
            principal: statement.Principal,
            notPrincipal: statement.NotPrincipal,
            resources: list(statement.Resource),
            notResources: list(statement.NotResource),
            condition: statement.Condition,
        };
    });
}

/** An IAM wildcard pattern (* any run, ? one character) matches the value. */
export function wildcardMatches(pattern: string, value: string, ignoreCase = false): boolean {
    const source = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    return new RegExp(`^${source}$`, ignoreCase ? "i" : "").test(value);
}

/** The statement applies to the action (Action patterns, or everything its NotAction leaves out). */
export function statementCoversAction(statement: Statement, action: string): boolean {
    if (statement.notActions.length > 0) {
        return !statement.notActions.some((pattern) => wildcardMatches(pattern, action, true));
    }
    return statement.actions.some((pattern) => wildcardMatches(pattern, action, true));
}

/** Principal "*" or {"AWS": "*"}: every principal, in any account. */
export function isEveryone(principal: unknown): boolean {
    if (principal === "*") {
        return true;
    }
    if (principal && typeof principal === "object") {
        return list((principal as Record<string, unknown>).AWS).includes("*");
    }
    return false;
}

/** A Condition block that narrows the statement (an empty one does not). */
export function hasCondition(statement: Statement): boolean {
    return statement.condition !== undefined && statement.condition !== null && !(typeof statement.condition === "object" && Object.keys(statement.condition).length === 0);
}

// Where credentials come from. A password is "generated" when the property that carries it depends
// on a `random.RandomPassword` (whose result stays a Pulumi secret); Secrets Manager secrets hold
// what hosts read at boot, by name. Literal credentials in user data or config are found by scanning.
import { PolicyResource } from "@pulumi/policy";
import { asNumber, ofType, referenced } from "./resources";

export const RANDOM_PASSWORD = "random:index/randomPassword:RandomPassword";
export const RANDOM_BYTES = "random:index/randomBytes:RandomBytes";
export const SECRET = "aws:secretsmanager/secret:Secret";
export const SECRET_VERSION = "aws:secretsmanager/secretVersion:SecretVersion";

/** RandomPassword resources (or other generators) the property's value derives from (through any resource in between). */
export function passwordSources(resource: PolicyResource, property: string, types: string[] = [RANDOM_PASSWORD]): PolicyResource[] {
    const found: PolicyResource[] = [];
    const visit = (current: PolicyResource, depth: number) => {
        if (types.includes(current.type)) {
            found.push(current);
            return;
        }
        if (depth > 3) {
            return;
        }
        for (const dependency of Object.values(current.propertyDependencies).flat()) {
            visit(dependency, depth + 1);
        }
    };
    for (const dependency of referenced(resource, property)) {
        visit(dependency, 0);
    }
    return found;
}

/** Why a generated password is weak, or undefined (length and character classes). */
export function weakPassword(password: PolicyResource, minLength: number): string | undefined {
    const length = asNumber(password.props.length);
    if (length === undefined || length < minLength) {
        return `generates ${length ?? "an unknown number of"} characters, fewer than ${minLength}`;
    }
    const disabled = ["lower", "upper", "numeric"].filter((key) => password.props[key] === false);
    if (disabled.length > 1) {
        return `disables ${disabled.join(" and ")} characters`;
    }
    return undefined;
}

export function secrets(resources: PolicyResource[]): PolicyResource[] {
    return ofType(resources, SECRET);
}

/** Placeholder or well-known default passwords. */
export const DEFAULT_PASSWORDS = ["admin", "password", "changeme", "change_me", "changeit", "secret", "default", "1234", "12345", "123456", "pbx", "postgres", "root", "toor", "letmein", "yoursecurepassword123!", "your-password"];

/** Settings that name where a credential lives (private_key_path, password_file), not the credential. */
const CREDENTIAL_LOCATION = /[_-](?:path|file|dir|directory)$/i;

/**
 * Assignments of credential-looking keys to literal values in a text (KEY=value, key: value,
 * "key": "value"), line by line: a value never comes from the next line (YAML `password:`
 * opening a mapping).
 */
export function literalCredentials(text: string): { key: string; value: string }[] {
    const found: { key: string; value: string }[] = [];
    const pattern = /(?:^|[{,])[ \t]*(?:export[ \t]+)?"?([A-Za-z0-9_.-]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|APIKEY|PRIVATE_KEY)[A-Za-z0-9_]*)"?[ \t]*[:=][ \t]*["']?([^"'\s#,]*)["']?/gim;
    for (const match of text.matchAll(pattern)) {
        const value = match[2];
        // Variable references (${DB_PASSWORD}, $DB_PASSWORD) and empty values are not literals.
        if (value.length > 0 && !CREDENTIAL_LOCATION.test(match[1]) && !/^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(value)) {
            found.push({ key: match[1], value });
        }
    }
    return found;
}

export const PRIVATE_KEY_PEM = /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/;

/** The generated value of a RandomPassword (result) or RandomBytes (base64). */
export function generatedResult(generator: PolicyResource): unknown {
    return generator.type === RANDOM_BYTES ? generator.props.base64 : generator.props.result;
}

/**
 * The generator (RandomPassword or RandomBytes) whose result is `value`, or is part of it (a URL
 * carrying the password), among those the property derives from. Reading a result that is unknown
 * (a first preview) makes the rule unknown rather than passed.
 */
export function generatorOf(resource: PolicyResource, property: string, value: string): PolicyResource | undefined {
    return passwordSources(resource, property, [RANDOM_PASSWORD, RANDOM_BYTES]).find((generator) => {
        const result = generatedResult(generator);
        return typeof result === "string" && result.length > 0 && value.includes(result);
    });
}

/** Why a generator's output is shorter than required, or undefined (RandomBytes count bytes). */
export function generatorLengthProblem(generator: PolicyResource, minLength: number, unit = "characters"): string | undefined {
    const length = asNumber(generator.props.length);
    if (length === undefined || length < minLength) {
        return `${generator.type === RANDOM_BYTES ? "RandomBytes" : "RandomPassword"} "${generator.name}" generates ${length ?? "an unknown number of"} ${unit}, fewer than ${minLength}`;
    }
    return undefined;
}

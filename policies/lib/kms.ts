// Customer-managed KMS keys: whether a property naming a key (kmsKeyId, kmsKeyArn, keyArn, ...)
// names one the customer controls. AWS-managed keys (alias/aws/rds, alias/aws/ebs, ...) encrypt
// too, but their policy cannot be changed, access to them cannot be revoked and they cannot be
// disabled: HIPAA key management requires keys of the customer's own.
import { PolicyResource } from "@pulumi/policy";
import { referenced } from "./resources";

export const KMS_KEY = "aws:kms/key:Key";
/** Resource types that are customer-managed KMS keys (replicas and imported keys too). */
export const KMS_KEY_TYPES = [KMS_KEY, "aws:kms/replicaKey:ReplicaKey", "aws:kms/externalKey:ExternalKey", "aws:kms/replicaExternalKey:ReplicaExternalKey"];
export const KMS_ALIAS = "aws:kms/alias:Alias";

/** An alias AWS reserves for its managed keys: "alias/aws/rds", "arn:aws:kms:us-east-1:1234:alias/aws/backup". */
export const AWS_MANAGED_ALIAS = /(^|[:/])alias\/aws\//;

const KEY_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/i;
const KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/(.+)$/;
const ALIAS = /^(arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:)?alias\/[A-Za-z0-9/_-]+$/;

/**
 * A literal key reference names a customer-managed key: a key ARN or id (e.g. a key of another
 * stack), or an alias the customer created (only customer-managed keys can have those). Empty
 * strings, aws/ aliases and anything else fail.
 */
export function customerKeyLiteral(value: unknown): boolean {
    if (typeof value !== "string" || value === "" || AWS_MANAGED_ALIAS.test(value)) {
        return false;
    }
    const arn = KEY_ARN.exec(value);
    return arn ? KEY_ID.test(arn[1]) : KEY_ID.test(value) || ALIAS.test(value);
}

/** The resource is a customer-managed key of the program, or an alias of the program targeting one. */
function isCustomerKeyResource(resource: PolicyResource, seen: Set<string>): boolean {
    if (KMS_KEY_TYPES.includes(resource.type)) {
        return true;
    }
    if (resource.type !== KMS_ALIAS || seen.has(resource.urn)) {
        return false;
    }
    seen.add(resource.urn);
    return customerKeyOf(resource, "targetKeyId", () => resource.props.targetKeyId, seen);
}

function customerKeyOf(resource: PolicyResource, property: string, read: () => unknown, seen: Set<string>): boolean {
    // The relation is known in a first preview even when the key's ARN is not: read it first.
    if (referenced(resource, property).some((dependency) => isCustomerKeyResource(dependency, seen))) {
        return true;
    }
    return customerKeyLiteral(read());
}

/**
 * The key `property` of the resource names is customer-managed: the property refers to a KMS key
 * of the program (or to an alias of the program targeting one), or holds a literal key ARN, id or
 * customer alias. `read` returns the literal (default: the property itself; pass it for a nested
 * value such as blockDeviceMappings[0].ebs.kmsKeyId, whose dependencies are the property's). It is
 * read only when no key of the program is referred to, so that an unknown ARN of a key the program
 * creates never makes a rule unknown.
 */
export function customerManagedKey(resource: PolicyResource, property: string, read: () => unknown = () => resource.props[property]): boolean {
    return customerKeyOf(resource, property, read, new Set());
}

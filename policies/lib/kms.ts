// Customer-managed KMS keys: whether a property naming a key (kmsKeyId, kmsKeyArn, keyArn, ...)
// names one the customer controls. AWS-managed keys (alias/aws/rds, alias/aws/ebs, ...) encrypt
// too, but their policy cannot be changed, access to them cannot be revoked and they cannot be
// disabled: HIPAA key management requires keys of the customer's own.
import { PolicyResource } from "@pulumi/policy";
import { isUnknownField, referenced } from "./resources";

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
 * A literal the rules accept as naming a customer-managed key. Alias names can be told apart
 * offline: AWS reserves alias/aws/ for its managed keys and lets nobody alias those, so any other
 * alias targets a customer-managed key. Key ids and key ARNs cannot: an AWS-managed key's id is a
 * UUID too, and only KMS (DescribeKey's KeyManager) knows whose key it is. They are accepted, since
 * a program names a key by id or ARN when it is its own or another stack's, and AWS-managed keys
 * by their aws/ alias. Empty strings, aws/ aliases and anything that is neither a key id, a key ARN
 * nor an alias fail.
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
    return refersToCustomerKey(resource, "targetKeyId", seen) || customerKeyLiteral(resource.props.targetKeyId);
}

function refersToCustomerKey(resource: PolicyResource, property: string, seen: Set<string> = new Set()): boolean {
    return referenced(resource, property).some((dependency) => isCustomerKeyResource(dependency, seen));
}

/** Where a key reference nested in a property sits: the object holding it and its key (a mapping's `ebs` and "kmsKeyId"). */
export interface KeyField {
    holder: object;
    key: string;
}

/**
 * The key the resource names in `property` is customer-managed; with `field`, the key named by a
 * value nested in the property (blockDeviceMappings[n].ebs.kmsKeyId, parameters.kmsKeyId,
 * encryptionConfig.provider.keyArn).
 *
 * A property naming one key passes when it refers to a KMS key of the program, or to an alias of
 * the program targeting one (known in a first preview even when the key's ARN is not), else when
 * its literal passes customerKeyLiteral.
 *
 * A nested value shares the property's dependencies with its siblings, so a key of the program
 * that one mapping refers to vouches for no other: each literal is judged.
 * - Unknown (a preview): only an output of a resource of this program can be unknown, so it stands
 *   for the program's key when the property refers to a customer-managed key of the program (a KMS
 *   key, or an alias targeting one); otherwise it is read, and the rule ends unknown.
 * - Empty, absent or an alias/aws/ name: an AWS-managed key, failing even when the property
 *   refers to a key of the program.
 * - Anything else: customer-managed when the property refers to a key of the program (a key ARN
 *   cannot be matched to the key offline), else when customerKeyLiteral accepts it.
 */
export function customerManagedKey(resource: PolicyResource, property: string, field?: KeyField): boolean {
    const programKey = refersToCustomerKey(resource, property);
    if (!field) {
        // The literal is read only when no key of the program is referred to, so that the unknown ARN of a key the program creates never makes a rule unknown.
        return programKey || customerKeyLiteral(resource.props[property]);
    }
    if (programKey && isUnknownField(field.holder, field.key)) {
        return true;
    }
    const value = (field.holder as Record<string, unknown>)[field.key];
    if (typeof value !== "string" || value === "" || AWS_MANAGED_ALIAS.test(value)) {
        return false;
    }
    return programKey || customerKeyLiteral(value);
}

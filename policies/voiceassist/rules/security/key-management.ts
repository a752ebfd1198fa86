import { KMS_KEY, customerManagedKey } from "../../../lib/kms";
import { ofType } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { secrets } from "../../../lib/secrets";

export default automatedRule({
    name: "key-management",
    items: ["VA-11.2.4"],
    description:
        "Keys are managed by AWS KMS and Secrets Manager: the program holds at least one customer-managed KMS key, every KMS key rotates (enableKeyRotation) and keeps a deletion window of at least 7 days, and every Secrets Manager secret is encrypted with a customer-managed key (kmsKeyId).",
    severity: "critical",
    remediationSteps: "The kit creates its KMS keys with rotation and keeps application secrets in KMS-encrypted Secrets Manager secrets. In your own program, set enableKeyRotation on aws.kms.Key and kmsKeyId on aws.secretsmanager.Secret.",
    validate: ({ resources, report }) => {
        const keys = ofType(resources, KMS_KEY);
        if (keys.length === 0) {
            report("no customer-managed KMS key exists");
        }
        for (const key of keys) {
            if (key.props.enableKeyRotation !== true) {
                report("does not rotate (enableKeyRotation)", key);
            }
            if (typeof key.props.deletionWindowInDays === "number" && key.props.deletionWindowInDays < 7) {
                report(`can be deleted after ${key.props.deletionWindowInDays} days`, key);
            }
        }
        const all = secrets(resources);
        if (all.length === 0) {
            report("no Secrets Manager secret holds the application's keys");
        }
        for (const secret of all.filter((entry) => !customerManagedKey(entry, "kmsKeyId"))) {
            report("is encrypted with an AWS-managed key (no kmsKeyId, or an aws/ alias), not a customer-managed KMS key (kmsKeyId)", secret);
        }
    },
});

import { eksClusters, encryptsSecrets } from "../../../lib/kubernetes";
import { automatedRule } from "../../../lib/rule";
import { CREDENTIAL_VARIABLE, describeContainer, eachAppContainer } from "../../voiceassist";

export default automatedRule({
    name: "keys-stored-securely",
    items: ["VA-3.4.5"],
    description:
        "Every credential variable of the application's containers (names with PASSWORD, SECRET, TOKEN, API_KEY, ENCRYPTION_KEY, and DATABASE_URL / REDIS_URL, which carry passwords) comes from a Kubernetes Secret, never from a literal or a ConfigMap; and every EKS cluster of the program encrypts Secrets with a KMS key (encryptionConfig resources [\"secrets\"]).",
    severity: "critical",
    remediationSteps: "The kit keeps every credential in the voiceassist-secrets Secret and creates the EKS cluster with encryptionConfig on a KMS key. In your own program, move credentials out of env literals and ConfigMaps, and set the cluster's encryptionConfig.",
    validate: (context) => {
        eachAppContainer(context, (entry) => {
            for (const [name, source] of entry.env) {
                if ((CREDENTIAL_VARIABLE.test(name) || /^(DATABASE_URL|REDIS_URL)$/.test(name)) && source.kind !== "secret") {
                    context.report(`${describeContainer(entry)} takes ${name} from ${source.kind === "literal" ? "a literal value" : source.kind === "configMap" ? `ConfigMap ${source.name}` : "a field reference"}, not from a Secret`, entry.workload);
                }
            }
        });
        const clusters = eksClusters(context.resources);
        if (clusters.length === 0) {
            context.report("no EKS cluster holds the application's Secrets, so their encryption at rest cannot be shown");
        }
        for (const cluster of clusters.filter((entry) => !encryptsSecrets(entry))) {
            context.report("stores Kubernetes Secrets without envelope encryption under a customer-managed KMS key (encryptionConfig)", cluster);
        }
    },
});

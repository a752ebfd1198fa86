import { PolicyResource } from "@pulumi/policy";
import { customerManagedKey } from "../../../lib/kms";
import { ofType, referenced } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { RANDOM_BYTES, RANDOM_PASSWORD, SECRET, SECRET_VERSION, passwordSources } from "../../../lib/secrets";
import { eachAppContainer, variableGenerator } from "../../voiceassist";

export default automatedRule({
    name: "keys-in-vault",
    items: ["VA-3.4.6"],
    description:
        "Every key the program generates for the application (the random generators behind its Secret variables) is also kept in AWS Secrets Manager: a SecretVersion derives from the generator, and its secret is encrypted with a customer-managed KMS key (kmsKeyId). Secrets Manager is the vault operators recover keys from.",
    severity: "high",
    remediationSteps: "The kit writes every generated key into the `voiceassist/app` Secrets Manager secret (KMS-encrypted). In your own program, add an aws.secretsmanager.Secret with kmsKeyId and a SecretVersion whose secretString holds the generated keys.",
    validate: (context) => {
        const generators = new Map<string, PolicyResource>();
        eachAppContainer(context, (entry) => {
            for (const source of entry.env.values()) {
                const generator = variableGenerator(source);
                if (generator) {
                    generators.set(generator.urn, generator);
                }
            }
        });
        const versions = ofType(context.resources, SECRET_VERSION);
        for (const generator of generators.values()) {
            const holders = versions.filter((version) => passwordSources(version, "secretString", [RANDOM_PASSWORD, RANDOM_BYTES]).some((source) => source.urn === generator.urn));
            const secrets = holders.flatMap((version) => referenced(version, "secretId", SECRET));
            if (secrets.length === 0) {
                context.report("is kept in no Secrets Manager secret, so operators cannot recover it from a vault", generator);
            } else if (!secrets.some((secret) => customerManagedKey(secret, "kmsKeyId"))) {
                context.report(`is kept in Secrets Manager secret ${secrets[0].name}, which uses the AWS-managed key rather than a customer-managed KMS key`, secrets[0]);
            }
        }
    },
});

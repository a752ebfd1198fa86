// Rules over the application's environment variables (the checklist's .env): a variable that
// must hold a given literal, and one that must hold a generated secret.
import { AutomatedRule, automatedRule } from "../../../lib/rule";
import { generatorLengthProblem, weakPassword } from "../../../lib/secrets";
import { RANDOM_BYTES } from "../../../lib/secrets";
import { describeContainer, requireVariables, variableGenerator, variableValue } from "../../voiceassist";

export function literalVariableRule(options: { name: string; item: string; variable: string; value: string; severity: "low" | "medium" | "high"; remediation: string }): AutomatedRule {
    return automatedRule<{ value: string }>({
        name: options.name,
        items: [options.item],
        description: `Every container of the VoiceAssist application defines ${options.variable} (env, or a key of a ConfigMap/Secret it loads) with the value \`value\` (${options.value}).`,
        severity: options.severity,
        remediationSteps: options.remediation,
        config: { value: { type: "string", default: options.value, description: `The value ${options.variable} must have.` } },
        validate: (context) => {
            requireVariables(context, [options.variable], (entry, name, source) => {
                const value = variableValue(source);
                if (value !== context.config.value) {
                    context.report(`${describeContainer(entry)} sets ${name} to ${value === undefined ? "a value this program does not show" : `"${value}"`}; "${context.config.value}" is required`, entry.workload);
                }
            });
        },
    });
}

export function generatedVariableRule(options: { name: string; item: string; variable: string; minLength: number; bytes?: boolean; severity: "high" | "critical"; remediation: string }): AutomatedRule {
    const unit = options.bytes ? "bytes" : "characters";
    return automatedRule<{ minLength: number }>({
        name: options.name,
        items: [options.item],
        description: `Every container of the VoiceAssist application gets ${options.variable} from a Kubernetes Secret of the program whose value is the output of ${options.bytes ? "a random.RandomBytes (base64)" : "a random.RandomPassword"} of at least minLength ${unit} (read by matching the Secret's value with the generator's result, which a first preview does not know: the item is then unknown).`,
        severity: options.severity,
        remediationSteps: options.remediation,
        config: { minLength: { type: "integer", minimum: 1, default: options.minLength, description: `Shortest generated ${options.variable}, in ${unit}.` } },
        validate: (context) => {
            requireVariables(context, [options.variable], (entry, name, source) => {
                if (source.kind !== "secret") {
                    context.report(`${describeContainer(entry)} takes ${name} from a ${source.kind === "literal" ? "literal value" : source.kind === "configMap" ? "ConfigMap" : "field reference"}, not from a Secret`, entry.workload);
                    return;
                }
                const generator = variableGenerator(source);
                if (!generator) {
                    context.report(`${describeContainer(entry)} gets ${name} from Secret ${source.name}, whose value no random generator of this program produced`, source.object ?? entry.workload);
                    return;
                }
                if (options.bytes && generator.type !== RANDOM_BYTES) {
                    context.report(`${name} comes from ${generator.name}, not from random bytes (random.RandomBytes, base64)`, generator);
                    return;
                }
                const problem = generatorLengthProblem(generator, context.config.minLength, unit) ?? (options.bytes ? undefined : weakPassword(generator, context.config.minLength));
                if (problem) {
                    context.report(`${name}: ${problem}`, generator);
                }
            });
        },
    });
}

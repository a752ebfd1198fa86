import { SECRET_OBJECT, objectNamed } from "../../../lib/kubernetes";
import { grafanaValue } from "../../../lib/observability";
import { automatedRule } from "../../../lib/rule";
import { DEFAULT_PASSWORDS, generatorLengthProblem, generatorOf } from "../../../lib/secrets";
import { releaseNamespace, secretValue } from "../../voiceassist";
import { eachGrafana } from "./grafana";

export default automatedRule<{ minLength: number }>({
    name: "grafana-admin-password",
    items: ["VA-8.2.2"],
    description:
        "Grafana's admin password is not a default: adminPassword (or the userKey/passwordKey of the Secret named by admin.existingSecret) is the output of a random.RandomPassword of at least minLength characters; unset (kube-prometheus-stack's default is prom-operator), admin, or any typed value fails.",
    severity: "critical",
    remediationSteps: "The kit generates the Grafana admin password (32 characters) and passes it as grafana.adminPassword. In your own program, set adminPassword from a random.RandomPassword result (or admin.existingSecret to a Secret holding one).",
    config: { minLength: { type: "integer", minimum: 8, default: 16, description: "Shortest admin password, in characters." } },
    validate: (context) => {
        eachGrafana(context, (instance) => {
            const { release } = instance;
            const existing = grafanaValue(instance, ["admin", "existingSecret"]);
            let value: string | undefined;
            let holder = release;
            let property = "values";
            if (typeof existing === "string" && existing !== "") {
                const secret = objectNamed(context.resources, SECRET_OBJECT, existing, releaseNamespace(release));
                const key = grafanaValue(instance, ["admin", "passwordKey"]);
                value = secret ? secretValue(secret, typeof key === "string" ? key : "admin-password") : undefined;
                holder = secret ?? release;
                property = "stringData";
            } else {
                const password = grafanaValue(instance, ["adminPassword"]);
                value = typeof password === "string" ? password : undefined;
            }
            if (value === undefined || value === "") {
                context.report(`sets no admin password, so Grafana's admin keeps ${instance.defaultPassword ? `the chart's default (${instance.defaultPassword})` : "a password the chart invents and the program does not manage"}`, release);
            } else if (DEFAULT_PASSWORDS.includes(value.toLowerCase()) || value === instance.defaultPassword) {
                context.report("keeps a default admin password", release);
            } else {
                const generator = generatorOf(holder, property, value);
                if (!generator) {
                    context.report("sets an admin password no random.RandomPassword of this program generated", holder);
                } else {
                    const problem = generatorLengthProblem(generator, context.config.minLength);
                    if (problem) {
                        context.report(problem, generator);
                    }
                }
            }
        });
    },
});

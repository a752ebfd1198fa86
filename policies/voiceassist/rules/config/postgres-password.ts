import { loginRoles } from "../../../lib/databases";
import { automatedRule } from "../../../lib/rule";
import { generatorLengthProblem, weakPassword } from "../../../lib/secrets";
import { describeContainer, requireVariables, variableGenerator, variableValue } from "../../voiceassist";

export default automatedRule<{ minLength: number }>({
    name: "postgres-password",
    items: ["VA-3.2.2"],
    description:
        "Every container of the application gets POSTGRES_PASSWORD from a Kubernetes Secret whose value a random.RandomPassword of at least minLength characters (more than one character class) generated, and it is the password of the POSTGRES_USER role when the program defines that role.",
    severity: "critical",
    remediationSteps: "The kit generates the database password with random.RandomPassword (32 characters) and feeds both the role and the app's Secret from it. In your own program, do the same; never type a password.",
    config: { minLength: { type: "integer", minimum: 8, default: 16, description: "Shortest password, in characters." } },
    validate: (context) => {
        requireVariables(context, ["POSTGRES_PASSWORD"], (entry, name, source) => {
            const generator = source.kind === "secret" ? variableGenerator(source) : undefined;
            if (source.kind !== "secret") {
                context.report(`${describeContainer(entry)} takes ${name} from outside a Secret`, entry.workload);
                return;
            }
            if (!generator) {
                context.report(`${describeContainer(entry)} gets ${name} from Secret ${source.name}, whose value no random.RandomPassword of this program produced`, source.object ?? entry.workload);
                return;
            }
            const problem = generatorLengthProblem(generator, context.config.minLength) ?? weakPassword(generator, context.config.minLength);
            if (problem) {
                context.report(`${name}: ${problem}`, generator);
            }
            const user = variableValue(entry.env.get("POSTGRES_USER"));
            const role = loginRoles(context.resources).find((candidate) => candidate.props.name === user);
            if (role && role.props.password !== variableValue(source)) {
                context.report(`${name} is not the password of role ${user}`, role);
            }
        });
    },
});

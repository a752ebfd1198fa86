import { servedCertificates } from "../../../lib/edge";
import { automatedRule } from "../../../lib/rule";
import { describeContainer, requireVariables, variableValue } from "../../voiceassist";

export default automatedRule<{ domain: string }>({
    name: "domain",
    items: ["VA-3.1.2"],
    description:
        "Every container of the application sets DOMAIN to the production domain: `domain` when set, otherwise a name (domainName or subjectAlternativeNames) of an ACM certificate served by the program's HTTPS listeners; localhost and example placeholders fail.",
    severity: "high",
    remediationSteps: "The kit sets DOMAIN from `readiness-kit:voiceassistDomain`, the name its certificate is issued for. In your own program, set DOMAIN in the app's ConfigMap to the name users reach.",
    config: { domain: { type: "string", default: "", description: "The production domain (empty: the served certificate's names)." } },
    validate: (context) => {
        const names = context.config.domain !== ""
            ? [context.config.domain]
            : servedCertificates(context.resources).flatMap((certificate) => [certificate.props.domainName, ...((certificate.props.subjectAlternativeNames ?? []) as unknown[])]).filter((name): name is string => typeof name === "string");
        requireVariables(context, ["DOMAIN"], (entry, name, source) => {
            const value = variableValue(source)?.toLowerCase();
            if (value === undefined || /^(localhost|127\.0\.0\.1|example\.com|your-domain\.com|change_me)$/i.test(value)) {
                context.report(`${describeContainer(entry)} sets ${name} to ${value ?? "a value this program does not show"}, not the production domain`, entry.workload);
            } else if (!names.some((candidate) => candidate.toLowerCase() === value || (candidate.startsWith("*.") && value.endsWith(candidate.slice(1).toLowerCase())))) {
                context.report(`${describeContainer(entry)} sets ${name} to ${value}, which is not the production domain (${names.join(", ") || "no served certificate names one"})`, entry.workload);
            }
        });
    },
});

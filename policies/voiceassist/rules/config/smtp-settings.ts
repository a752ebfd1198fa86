import { automatedRule } from "../../../lib/rule";
import { describeContainer, requireVariables, variableValue } from "../../voiceassist";

export default automatedRule<{ tlsPorts: string[] }>({
    name: "smtp-settings",
    items: ["VA-3.5.4"],
    description:
        "Every container of the application defines SMTP_HOST (a host name), SMTP_PORT (one of tlsPorts: submission with STARTTLS or implicit TLS, never plain 25), SMTP_USER, and SMTP_PASSWORD from a Kubernetes Secret.",
    severity: "medium",
    remediationSteps: "Set `readiness-kit:voiceassistSmtpHost`, `...SmtpUser` and `...SmtpPassword` (secret); the kit writes them into the app's ConfigMap and Secret with port 587. In your own program, do the same.",
    config: { tlsPorts: { type: "array", items: { type: "string" }, default: ["587", "465", "2587", "2465"], description: "SMTP ports that use TLS." } },
    validate: (context) => {
        requireVariables(context, ["SMTP_HOST", "SMTP_PORT", "SMTP_USER", "SMTP_PASSWORD"], (entry, name, source) => {
            const value = variableValue(source);
            if (name === "SMTP_PASSWORD" && source.kind !== "secret") {
                context.report(`${describeContainer(entry)} takes SMTP_PASSWORD from outside a Secret`, entry.workload);
            } else if (name === "SMTP_PORT" && (value === undefined || !context.config.tlsPorts.includes(value))) {
                context.report(`${describeContainer(entry)} sets SMTP_PORT to ${value ?? "a value this program does not show"}; one of ${context.config.tlsPorts.join(", ")} (TLS) is required`, entry.workload);
            } else if (name === "SMTP_HOST" && (value === undefined || !/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(value))) {
                context.report(`${describeContainer(entry)} sets SMTP_HOST to ${value ?? "a value this program does not show"}, not a mail server's host name`, entry.workload);
            } else if (name === "SMTP_USER" && (value === undefined || value === "")) {
                context.report(`${describeContainer(entry)} sets no SMTP_USER value the program shows`, entry.workload);
            }
        });
    },
});

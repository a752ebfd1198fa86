import { automatedRule } from "../../../lib/rule";
import { requireVariables } from "../../voiceassist";

export const TEMPLATE_VARIABLES = [
    "DOMAIN", "ENVIRONMENT", "LOG_LEVEL",
    "POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB", "DATABASE_URL",
    "REDIS_HOST", "REDIS_PORT", "REDIS_PASSWORD", "REDIS_URL",
    "SECRET_KEY", "JWT_SECRET_KEY", "ENCRYPTION_KEY", "QDRANT_API_KEY",
    "OPENAI_API_KEY", "SMTP_HOST", "SMTP_PORT", "SMTP_USER", "SMTP_PASSWORD",
];

export default automatedRule<{ variables: string[] }>({
    name: "env-template",
    items: ["VA-3.1.1"],
    description:
        "The application's environment is complete, as a .env created from the template would be: every container of the VoiceAssist Deployments defines every variable in `variables` (the template's keys), through env or the ConfigMaps and Secrets of the program it loads (envFrom).",
    severity: "high",
    remediationSteps: "The kit renders the template's keys into the voiceassist-config ConfigMap and the voiceassist-secrets Secret and loads both with envFrom. In your own program, define every template key for each container.",
    config: { variables: { type: "array", items: { type: "string" }, default: TEMPLATE_VARIABLES, description: "Keys of the .env template." } },
    validate: (context) => requireVariables(context, context.config.variables),
});

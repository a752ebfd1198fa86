import { asNumber } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { describeContainer, requireVariables, variableValue } from "../../voiceassist";

export default automatedRule<{ accessVariable: string; maxAccessMinutes: number; refreshVariable: string; maxRefreshDays: number }>({
    name: "token-expiration",
    items: ["VA-11.4.5"],
    description:
        "Every container of the application limits token lifetimes: accessVariable (minutes) is positive and at most maxAccessMinutes (30), refreshVariable (days) is positive and at most maxRefreshDays (7).",
    severity: "high",
    remediationSteps: "The kit sets ACCESS_TOKEN_EXPIRE_MINUTES=30 and REFRESH_TOKEN_EXPIRE_DAYS=7 from `readiness-kit:voiceassistAccessTokenMinutes` / `...RefreshTokenDays`. In your own program, set them in the app's ConfigMap.",
    config: {
        accessVariable: { type: "string", default: "ACCESS_TOKEN_EXPIRE_MINUTES", description: "Variable holding the access token lifetime in minutes." },
        maxAccessMinutes: { type: "number", minimum: 1, default: 30, description: "Longest access token lifetime, in minutes." },
        refreshVariable: { type: "string", default: "REFRESH_TOKEN_EXPIRE_DAYS", description: "Variable holding the refresh token lifetime in days." },
        maxRefreshDays: { type: "number", minimum: 1, default: 7, description: "Longest refresh token lifetime, in days." },
    },
    validate: (context) => {
        const { accessVariable, refreshVariable, maxAccessMinutes, maxRefreshDays } = context.config;
        requireVariables(context, [accessVariable, refreshVariable], (entry, name, source) => {
            const value = asNumber(variableValue(source));
            const limit = name === accessVariable ? maxAccessMinutes : maxRefreshDays;
            const unit = name === accessVariable ? "minutes" : "days";
            if (value === undefined || value <= 0 || value > limit) {
                context.report(`${describeContainer(entry)} sets ${name} to ${variableValue(source) ?? "a value this program does not show"}; at most ${limit} ${unit} is allowed`, entry.workload);
            }
        });
    },
});

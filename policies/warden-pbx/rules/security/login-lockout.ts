import { asNumber } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { eachPbxConfig, setting } from "../../pbx";

export default automatedRule<{ maxAttempts: number; minLockoutSeconds: number }>({
    name: "login-lockout",
    items: ["WP-3.2.1.7"],
    description: "The PBX's config.yml locks accounts out after at most maxAttempts failed logins (security.rate_limit.max_attempts) for at least minLockoutSeconds (security.rate_limit.lockout_duration).",
    severity: "high",
    remediationSteps: "The kit's config.yml sets max_attempts: 5, lockout_duration: 900. Set them in your config.yml.",
    config: {
        maxAttempts: { type: "integer", minimum: 1, default: 5, description: "Most failed logins before a lockout." },
        minLockoutSeconds: { type: "integer", minimum: 1, default: 300, description: "Shortest lockout." },
    },
    validate: (context) => {
        eachPbxConfig(context, (file, source) => {
            const attempts = asNumber(setting(file.data, "security.rate_limit.max_attempts"));
            const lockout = asNumber(setting(file.data, "security.rate_limit.lockout_duration"));
            if (attempts === undefined || attempts > context.config.maxAttempts) {
                context.report(`${file.source} allows ${attempts ?? "unlimited"} failed logins; at most ${context.config.maxAttempts} are allowed`, source);
            }
            if (lockout === undefined || lockout < context.config.minLockoutSeconds) {
                context.report(`${file.source} locks accounts for ${lockout ?? 0} s; at least ${context.config.minLockoutSeconds} s are required`, source);
            }
        });
    },
});

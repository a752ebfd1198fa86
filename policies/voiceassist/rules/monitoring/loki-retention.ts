import { isTrue, valueAt } from "../../../lib/helm";
import { durationDays, lokiReleases } from "../../../lib/observability";
import { automatedRule } from "../../../lib/rule";
import { eachRelease } from "../../voiceassist";

export default automatedRule<{ minDays: number; maxDays: number }>({
    name: "loki-retention",
    items: ["VA-8.4.3"],
    description:
        "Each Loki release enforces a retention: loki.compactor.retention_enabled is true (without it Loki never deletes) and loki.limits_config.retention_period is a duration between minDays and maxDays.",
    severity: "medium",
    remediationSteps: "The kit sets retention_enabled and retention_period 744h (31 days, `readiness-kit:voiceassistLokiRetention`). In your own program, set both in the loki values.",
    config: {
        minDays: { type: "number", minimum: 1, default: 1, description: "Shortest log retention, in days (the checklist names none)." },
        maxDays: { type: "number", minimum: 1, default: 2557, description: "Longest log retention, in days." },
    },
    validate: (context) => {
        eachRelease(context, lokiReleases(context.resources), "Loki", (release) => {
            if (!isTrue(valueAt(release, "loki.compactor.retention_enabled"))) {
                context.report("never deletes logs: loki.compactor.retention_enabled is not true", release);
            }
            const period = valueAt(release, "loki.limits_config.retention_period");
            const days = durationDays(period);
            if (days === undefined || days === 0) {
                context.report(`sets no retention period (loki.limits_config.retention_period is ${String(period ?? "unset")})`, release);
            } else if (days < context.config.minDays || days > context.config.maxDays) {
                context.report(`keeps logs ${String(period)}; between ${context.config.minDays} and ${context.config.maxDays} days is required`, release);
            }
        });
    },
});

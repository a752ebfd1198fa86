import { receiversFor } from "../../../lib/observability";
import { automatedRule } from "../../../lib/rule";
import { requireAlertmanager } from "./stack";

export default automatedRule<{ routes: Record<string, string[]> }>({
    name: "alert-routing",
    items: ["VA-8.5.5"],
    description:
        "Alert routing sends each severity where it must go: for every severity in `routes`, an alert with that severity label walks Alertmanager's routing tree (matchers, match, match_re, continue) to receivers that include each required integration (critical: pagerduty and slack; warning: slack).",
    severity: "high",
    remediationSteps: "The kit routes severity=critical to PagerDuty (continue) and critical/warning to Slack and e-mail. In your own program, add routes with matchers for each severity.",
    config: {
        routes: { type: "object", additionalProperties: { type: "array", items: { type: "string" } }, default: { critical: ["pagerduty", "slack"], warning: ["slack"] }, description: "Severity -> integrations its alerts must reach." },
    },
    validate: (context) => {
        for (const config of requireAlertmanager(context)) {
            for (const [severity, integrations] of Object.entries(context.config.routes)) {
                const reached = receiversFor(config, { severity, alertname: "RoutingCheck" }).flatMap((receiver) => receiver.integrations);
                const missing = integrations.filter((integration) => !reached.includes(integration));
                if (missing.length > 0) {
                    context.report(`routes severity=${severity} alerts to ${[...new Set(reached)].join(", ") || "no integration"}; they must also reach ${missing.join(", ")}`, config.release);
                }
            }
        }
    },
});

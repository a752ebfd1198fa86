import { integrationRule, present } from "./integration";

export default integrationRule({
    name: "pagerduty",
    item: "VA-8.5.2",
    integration: "pagerduty",
    what: "PagerDuty",
    description: "with a routing_key (Events API v2) or service_key",
    check: (entry) => (present(entry.routing_key) || present(entry.service_key) || present(entry.routing_key_file) || present(entry.service_key_file) ? undefined : "has a PagerDuty integration without routing_key or service_key"),
    remediation: "Set `readiness-kit:voiceassistPagerDutyRoutingKey` (secret); the kit adds a pagerduty receiver for critical alerts. In your own program, add {name, pagerduty_configs: [{routing_key}]} to alertmanager.config.receivers and route to it.",
});

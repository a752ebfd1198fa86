import { integrationRule, present } from "./integration";

export default integrationRule({
    name: "slack",
    item: "VA-8.5.3",
    integration: "slack",
    what: "Slack",
    description: "with a webhook (api_url, or global.slack_api_url) and a channel",
    check: (entry, global) =>
        !(present(entry.api_url) || present(entry.api_url_file) || present(global.slack_api_url) || present(global.slack_api_url_file)) ? "has a Slack integration without api_url" : !present(entry.channel) ? "has a Slack integration without a channel" : undefined,
    remediation: "Set `readiness-kit:voiceassistSlackWebhookUrl` (secret) and `...SlackChannel`; the kit adds a slack receiver. In your own program, add {name, slack_configs: [{api_url, channel}]} and route to it.",
});

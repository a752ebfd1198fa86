import { integrationRule, present } from "./integration";

export default integrationRule({
    name: "email-alerts",
    item: "VA-8.5.4",
    integration: "email",
    what: "e-mail",
    description: "with a `to` address and an SMTP server (smarthost there or global.smtp_smarthost) that keeps TLS (require_tls not false)",
    check: (entry, global) =>
        !present(entry.to)
            ? "has an e-mail integration without `to`"
            : !(present(entry.smarthost) || present(global.smtp_smarthost))
              ? "has an e-mail integration without an SMTP server (smarthost or global.smtp_smarthost)"
              : entry.require_tls === false || (entry.require_tls === undefined && global.smtp_require_tls === false)
                ? "sends alert e-mail without TLS (require_tls: false)"
                : undefined,
    remediation: "Set `readiness-kit:voiceassistAlertEmail` and the SMTP settings; the kit adds an email receiver with global.smtp_smarthost. In your own program, add {name, email_configs: [{to}]} and the global SMTP settings.",
});

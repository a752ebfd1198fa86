import { alarmsOn, requireAlarm, watches } from "../../../lib/alarms";
import { servedCertificates } from "../../../lib/edge";
import { automatedRule } from "../../../lib/rule";

export default automatedRule<{ minDays: number }>({
    name: "cert-expiry-alert",
    items: ["WP-4.3.1.2.7"],
    description:
        "For every ACM certificate an HTTPS listener serves, an alarm on AWS/CertificateManager DaysToExpiry for that certificate fires below a threshold of at least minDays (30) and notifies a subscribed SNS topic.",
    severity: "high",
    remediationSteps: "The kit alarms when DaysToExpiry < 30. In your own program, add an alarm (AWS/CertificateManager DaysToExpiry, dimensions {CertificateArn}, LessThanThreshold 30) with alarmActions to a subscribed topic.",
    config: { minDays: { type: "number", minimum: 1, default: 30, description: "Days before expiry the alert must fire." } },
    validate: ({ resources, config, report }) => {
        const certificates = servedCertificates(resources);
        if (certificates.length === 0) {
            report("no HTTPS listener serves an ACM certificate whose expiry CloudWatch can watch");
        }
        for (const certificate of certificates) {
            const candidates = alarmsOn(resources, "AWS/CertificateManager", ["DaysToExpiry"]).filter((alarm) => watches(alarm, certificate));
            requireAlarm(resources, { what: `expiry of certificate "${certificate.name}"`, candidates, threshold: { direction: "below", limit: config.minDays, unit: " days" } }, report);
        }
    },
});

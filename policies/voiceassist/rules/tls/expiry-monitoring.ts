import { alarmsOn, requireAlarm, watches } from "../../../lib/alarms";
import { servedCertificates } from "../../../lib/edge";
import { automatedRule } from "../../../lib/rule";

export default automatedRule<{ minDays: number }>({
    name: "expiry-monitoring",
    items: ["VA-4.1.6"],
    description:
        "Every ACM certificate an HTTPS listener serves is watched by a CloudWatch alarm on AWS/CertificateManager DaysToExpiry for that certificate that fires below minDays (30) days and notifies a subscribed SNS topic.",
    severity: "high",
    remediationSteps: "The kit alarms on DaysToExpiry < 30 of its certificate. In your own program, add an aws.cloudwatch.MetricAlarm (AWS/CertificateManager DaysToExpiry, dimensions {CertificateArn: cert.arn}, LessThanThreshold 30) with alarmActions to a subscribed topic.",
    config: { minDays: { type: "integer", minimum: 1, default: 30, description: "Days before expiry the alarm must fire at the latest." } },
    validate: ({ resources, config, report }) => {
        const certificates = servedCertificates(resources);
        if (certificates.length === 0) {
            report("no HTTPS listener serves an ACM certificate whose expiry CloudWatch can watch");
        }
        for (const certificate of certificates) {
            requireAlarm(resources, { what: `expiry of certificate "${certificate.name}"`, candidates: alarmsOn(resources, "AWS/CertificateManager", ["DaysToExpiry"]).filter((alarm) => watches(alarm, certificate)), threshold: { direction: "below", limit: config.minDays, unit: " days" } }, report);
        }
    },
});

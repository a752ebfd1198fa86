import { alarmsOn, requireAlarm, watches } from "../../../lib/alarms";
import { servedCertificates } from "../../../lib/edge";
import { automatedRule } from "../../../lib/rule";

export default automatedRule({
    name: "cert-expiry-monitoring",
    items: ["WP-3.1.1.5"],
    description:
        "Every ACM certificate an HTTPS listener serves is watched by a CloudWatch alarm on AWS/CertificateManager DaysToExpiry for that certificate, notifying a subscribed SNS topic. (The 30-day threshold is WP-4.3.1.2.7.)",
    severity: "high",
    remediationSteps: "The kit alarms on DaysToExpiry of its certificate. In your own program, add an aws.cloudwatch.MetricAlarm (AWS/CertificateManager DaysToExpiry, dimensions {CertificateArn: cert.arn}) with alarmActions to a subscribed topic.",
    validate: ({ resources, report }) => {
        const certificates = servedCertificates(resources);
        if (certificates.length === 0) {
            report("no HTTPS listener serves an ACM certificate whose expiry CloudWatch can watch");
        }
        for (const certificate of certificates) {
            requireAlarm(resources, { what: `expiry of certificate "${certificate.name}"`, candidates: alarmsOn(resources, "AWS/CertificateManager", ["DaysToExpiry"]).filter((alarm) => watches(alarm, certificate)) }, report);
        }
    },
});

import { ofType, referenced } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { BUCKET_TYPES } from "../../../lib/storage";
import { TRAIL } from "../security/audit-logging";
import { DELIVERY_CHANNEL, configRecorderProblem } from "../security/security-audits";
import { bucketKeepsDays, describeExpiry } from "./retention";

export default automatedRule<{ minDays: number }>({
    name: "change-logs",
    items: ["VA-16.3.3"],
    description:
        "Changes to the environment are logged and kept: AWS Config records every supported resource's configuration history (recorder started, delivery channel), CloudTrail records management events in every region, and the buckets both deliver to keep objects at least minDays.",
    severity: "high",
    remediationSteps: "The kit's account baseline records with AWS Config and CloudTrail into the object-locked audit bucket. In your own program, add both and keep their bucket 2557 days.",
    config: { minDays: { type: "integer", minimum: 1, default: 2557, description: "Shortest change log retention, in days." } },
    validate: ({ resources, config, report }) => {
        const problem = configRecorderProblem(resources);
        if (problem) {
            report(problem);
        }
        // A stopped trail (enableLogging false) records nothing.
        const trails = ofType(resources, TRAIL).filter((trail) => trail.props.enableLogging !== false && trail.props.isMultiRegionTrail === true);
        if (trails.length === 0) {
            report("no multi-region CloudTrail trail is logging management events");
        }
        const sources = [...trails.map((trail) => referenced(trail, "s3BucketName")), ...ofType(resources, DELIVERY_CHANNEL).map((channel) => referenced(channel, "s3BucketName"))].flat().filter((bucket) => BUCKET_TYPES.includes(bucket.type));
        for (const bucket of [...new Map(sources.map((entry) => [entry.urn, entry])).values()]) {
            const days = bucketKeepsDays(resources, bucket);
            if (days !== undefined && days < config.minDays) {
                report(`expires change logs ${describeExpiry(days)}; at least ${config.minDays} are required`, bucket);
            }
        }
    },
});

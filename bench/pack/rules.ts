// Stack rules of the kind the kit's packs hold, written with the kit's rule library so that the
// benchmark pays what a real pack pays (scope, waivers, unknown-checking proxies): each looks at
// every resource once and relates resources through property dependencies.
import { PolicyResource } from "@pulumi/policy";
import { automatedRule } from "../../policies/lib/rule";
import { RuleRegistry } from "../../policies/lib/registry";

function referencedBy(resources: PolicyResource[], type: string, property: string): Set<string> {
    const urns = new Set<string>();
    for (const resource of resources) {
        if (resource.type === type) {
            for (const dependency of resource.propertyDependencies[property] ?? []) {
                urns.add(dependency.urn);
            }
        }
    }
    return urns;
}

export const bucketsEncrypted = automatedRule({
    name: "buckets-kms-encrypted",
    items: ["WP-5.1.3.3"],
    description: "Every bucket has a server-side encryption configuration with a KMS key.",
    severity: "high",
    remediationSteps: "Add a BucketServerSideEncryptionConfiguration with sseAlgorithm aws:kms.",
    validate: ({ resources, report }) => {
        const encrypted = referencedBy(resources, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "bucket");
        for (const bucket of resources.filter((resource) => resource.type === "aws:s3/bucket:Bucket")) {
            if (!encrypted.has(bucket.urn)) {
                report("has no KMS encryption configuration", bucket);
            }
        }
    },
});

export const volumesEncrypted = automatedRule({
    name: "volumes-kms-encrypted",
    items: ["WP-1.3.1.1"],
    description: "Every EBS volume is encrypted with a KMS key.",
    severity: "high",
    remediationSteps: "Set encrypted: true and kmsKeyId on the volume.",
    validate: ({ resources, report }) => {
        for (const volume of resources.filter((resource) => resource.type === "aws:ebs/volume:Volume")) {
            if (volume.props.encrypted !== true || !volume.props.kmsKeyId) {
                report("is not encrypted with a KMS key", volume);
            }
        }
    },
});

export const statefulProtected = automatedRule({
    name: "stateful-protected",
    items: ["WP-5.1.3.4"],
    description: "Buckets, volumes and keys are protected and retained on delete.",
    severity: "critical",
    remediationSteps: "Set protect and retainOnDelete on stateful resources.",
    validate: ({ resources, report }) => {
        const stateful = new Set(["aws:s3/bucket:Bucket", "aws:ebs/volume:Volume", "aws:kms/key:Key"]);
        for (const resource of resources.filter((entry) => stateful.has(entry.type))) {
            if (!resource.opts.protect) {
                report("is not protected against deletion", resource);
            }
        }
    },
});

export const volumesWatched = automatedRule<{ namespace: string }>({
    name: "volumes-watched",
    items: ["WP-1.3.1.5"],
    description: "Every EBS volume is watched by an alarm that notifies someone.",
    severity: "medium",
    remediationSteps: "Add a MetricAlarm on the volume with alarmActions.",
    config: { namespace: { type: "string", default: "AWS/EBS", description: "Namespace of the volume metrics." } },
    validate: ({ resources, config, report }) => {
        const alarms = resources.filter((resource) => resource.type === "aws:cloudwatch/metricAlarm:MetricAlarm" && resource.props.namespace === config.namespace && (resource.props.alarmActions ?? []).length > 0);
        const watched = new Set(alarms.flatMap((alarm) => (alarm.propertyDependencies.dimensions ?? []).map((dependency) => dependency.urn)));
        for (const volume of resources.filter((resource) => resource.type === "aws:ebs/volume:Volume")) {
            if (!watched.has(volume.urn)) {
                report("has no alarm", volume);
            }
        }
    },
});

export const keysRotate = automatedRule({
    name: "keys-rotate",
    items: ["WP-5.1.1.6"],
    description: "Every KMS key rotates yearly.",
    severity: "medium",
    remediationSteps: "Set enableKeyRotation: true.",
    validate: ({ resources, report }) => {
        for (const key of resources.filter((resource) => resource.type === "aws:kms/key:Key")) {
            if (key.props.enableKeyRotation !== true) {
                report("does not rotate", key);
            }
        }
    },
});

export function benchRegistry(): RuleRegistry {
    return new RuleRegistry("warden-pbx").add(bucketsEncrypted, volumesEncrypted, statefulProtected, volumesWatched, keysRotate);
}

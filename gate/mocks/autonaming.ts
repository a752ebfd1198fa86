// Pulumi's auto-naming: when a program leaves a resource's name property out, the provider
// fills it in (logical name plus a random suffix) before the engine sends the inputs on, in a
// preview too. The gate does the same, with a deterministic suffix, for the types programs
// commonly leave unnamed, so that references to `.name` resolve as they would for real.
import { digest } from "./identity";

const NAME_PROPERTY: Record<string, { property: string; maxLength: number; lowercase?: boolean }> = {
    "aws:rds/parameterGroup:ParameterGroup": { property: "name", maxLength: 255, lowercase: true },
    "aws:rds/clusterParameterGroup:ClusterParameterGroup": { property: "name", maxLength: 255, lowercase: true },
    "aws:rds/subnetGroup:SubnetGroup": { property: "name", maxLength: 255, lowercase: true },
    "aws:rds/optionGroup:OptionGroup": { property: "name", maxLength: 255, lowercase: true },
    "aws:iam/role:Role": { property: "name", maxLength: 64 },
    "aws:iam/instanceProfile:InstanceProfile": { property: "name", maxLength: 128 },
    "aws:iam/policy:Policy": { property: "name", maxLength: 128 },
    "aws:iam/rolePolicy:RolePolicy": { property: "name", maxLength: 128 },
    "aws:lb/loadBalancer:LoadBalancer": { property: "name", maxLength: 32 },
    "aws:lb/targetGroup:TargetGroup": { property: "name", maxLength: 32 },
    "aws:ec2/securityGroup:SecurityGroup": { property: "name", maxLength: 255 },
    "aws:ec2/launchTemplate:LaunchTemplate": { property: "name", maxLength: 128 },
    "aws:sns/topic:Topic": { property: "name", maxLength: 256 },
    "aws:sqs/queue:Queue": { property: "name", maxLength: 80 },
    "aws:cloudwatch/logGroup:LogGroup": { property: "name", maxLength: 512 },
    "aws:cloudwatch/metricAlarm:MetricAlarm": { property: "name", maxLength: 255 },
    "aws:cloudwatch/logMetricFilter:LogMetricFilter": { property: "name", maxLength: 512 },
    "aws:cloudwatch/eventRule:EventRule": { property: "name", maxLength: 64 },
    "aws:s3/bucket:Bucket": { property: "bucket", maxLength: 63, lowercase: true },
    "aws:s3/bucketV2:BucketV2": { property: "bucket", maxLength: 63, lowercase: true },
    "aws:secretsmanager/secret:Secret": { property: "name", maxLength: 512 },
    "aws:eks/cluster:Cluster": { property: "name", maxLength: 100 },
    "aws:eks/nodeGroup:NodeGroup": { property: "nodeGroupName", maxLength: 63 },
    "aws:wafv2/webAcl:WebAcl": { property: "name", maxLength: 128 },
    "aws:ecr/repository:Repository": { property: "name", maxLength: 256, lowercase: true },
    "aws:cfg/recorder:Recorder": { property: "name", maxLength: 256 },
    "aws:cfg/deliveryChannel:DeliveryChannel": { property: "name", maxLength: 256 },
    "aws:cloudtrail/trail:Trail": { property: "name", maxLength: 128 },
    "aws:elasticache/subnetGroup:SubnetGroup": { property: "name", maxLength: 255, lowercase: true },
    "aws:elasticache/parameterGroup:ParameterGroup": { property: "name", maxLength: 255, lowercase: true },
};

/** The name property and value the provider would add, or undefined when none is added. */
export function autoname(type: string, name: string, inputs: Record<string, unknown>): { property: string; value: string } | undefined {
    const rule = NAME_PROPERTY[type];
    if (!rule || inputs[rule.property] !== undefined || inputs.namePrefix !== undefined) {
        return undefined;
    }
    const suffix = digest("autoname", type, name).slice(0, 7);
    const base = rule.lowercase ? name.toLowerCase() : name;
    return { property: rule.property, value: `${base.slice(0, rule.maxLength - 8)}-${suffix}` };
}

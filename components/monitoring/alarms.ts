// CloudWatch alarms that page: each alarm notifies the alert topic when it fires and when it
// recovers. Missing data counts as breaching for "is it alive" alarms, so that a silent host or
// service alerts too.
import * as pulumi from "@pulumi/pulumi";
import * as cloudwatch from "@pulumi/aws/cloudwatch";

export interface AlarmSpec {
    /** Used in the resource name and the alarm name. */
    readonly name: string;
    readonly description: string;
    readonly namespace: string;
    readonly metricName: string;
    readonly dimensions?: Record<string, pulumi.Input<string>>;
    readonly statistic?: "Average" | "Maximum" | "Minimum" | "Sum" | "SampleCount";
    readonly comparison: "GreaterThanThreshold" | "GreaterThanOrEqualToThreshold" | "LessThanThreshold" | "LessThanOrEqualToThreshold";
    readonly threshold: number;
    /** Seconds. Default 300. */
    readonly period?: number;
    /** Default 2. */
    readonly evaluationPeriods?: number;
    /** Default "breaching". */
    readonly treatMissingData?: "breaching" | "notBreaching" | "missing" | "ignore";
}

export interface AlarmsArgs {
    readonly topicArn: pulumi.Input<string>;
    readonly alarms: AlarmSpec[];
    readonly tags: Record<string, string>;
}

export class Alarms extends pulumi.ComponentResource {
    readonly alarms: Record<string, cloudwatch.MetricAlarm> = {};

    constructor(name: string, args: AlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("readiness:monitoring:Alarms", name, {}, opts);
        for (const spec of args.alarms) {
            this.alarms[spec.name] = new cloudwatch.MetricAlarm(
                `${name}-${spec.name}`,
                {
                    name: `${name}-${spec.name}`,
                    alarmDescription: spec.description,
                    namespace: spec.namespace,
                    metricName: spec.metricName,
                    dimensions: spec.dimensions ?? {},
                    statistic: spec.statistic ?? "Average",
                    comparisonOperator: spec.comparison,
                    threshold: spec.threshold,
                    period: spec.period ?? 300,
                    evaluationPeriods: spec.evaluationPeriods ?? 2,
                    treatMissingData: spec.treatMissingData ?? "breaching",
                    alarmActions: [args.topicArn],
                    okActions: [args.topicArn],
                    tags: { ...args.tags, Name: `${name}-${spec.name}` },
                },
                { parent: this },
            );
        }
        this.registerOutputs({ names: Object.keys(this.alarms) });
    }
}

import { alarmsOn, watches } from "../../../lib/alarms";
import { alertsOn, requireWatched } from "../../../lib/observability";
import { automatedRule } from "../../../lib/rule";
import { replicasOf, requireDatabases } from "../../voiceassist";

export default automatedRule<{ maxLagSeconds: number }>({
    name: "replication-lag",
    items: ["VA-9.1.4"],
    description:
        "Replication lag is watched against the checklist's number: for each read replica, a CloudWatch alarm on AWS/RDS ReplicaLag of that replica fires above at most maxLagSeconds and notifies a subscribed SNS topic, or a Prometheus alert on pg_replication_lag fires above at most maxLagSeconds and Alertmanager routes it to a receiver.",
    severity: "high",
    remediationSteps: "The kit alarms on ReplicaLag > 1 s for the replica. In your own program, add an aws.cloudwatch.MetricAlarm (AWS/RDS ReplicaLag, dimensions {DBInstanceIdentifier: replica.identifier}, GreaterThanThreshold 1) with alarmActions to a subscribed topic.",
    config: { maxLagSeconds: { type: "number", minimum: 0, default: 1, description: "Largest replication lag the alarm may tolerate, in seconds." } },
    validate: (context) => {
        const alerts = alertsOn(context.resources, /pg_replication_lag|pg_stat_replication/);
        for (const database of requireDatabases(context)) {
            const replicas = replicasOf(context.resources, database);
            if (replicas.length === 0) {
                context.report("has no read replica whose lag could be watched", database);
            }
            for (const replica of replicas) {
                requireWatched(
                    context.resources,
                    { what: `replication lag of "${replica.name}"`, alarms: alarmsOn(context.resources, "AWS/RDS", ["ReplicaLag"]).filter((alarm) => watches(alarm, replica)), alerts, threshold: { direction: "above", limit: context.config.maxLagSeconds, unit: " s" } },
                    context.report,
                );
            }
        }
    },
});

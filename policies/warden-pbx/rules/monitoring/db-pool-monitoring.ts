import { alarmsOn, requireAlarm, watches } from "../../../lib/alarms";
import { primaryPostgres, proxiesFor } from "../../../lib/databases";
import { automatedRule } from "../../../lib/rule";
import { PBX_NAMESPACE } from "../../pbx";

export default automatedRule({
    name: "db-pool-monitoring",
    items: ["WP-4.1.2.7"],
    description:
        "A CloudWatch alarm watches database connection pool use and notifies a subscribed SNS topic: Warden/PBX DatabasePoolInUse (the PBX's own pool), or AWS/RDS DatabaseConnections / ClientConnections of the PBX database or its RDS Proxy.",
    severity: "medium",
    remediationSteps: "The kit alarms on Warden/PBX DatabasePoolInUse. In your own program, add an alarm on it (or on AWS/RDS DatabaseConnections of the instance) with alarmActions to a subscribed topic.",
    validate: ({ resources, report }) => {
        const databases = primaryPostgres(resources);
        const targets = [...databases, ...databases.flatMap((database) => proxiesFor(resources, database))];
        const candidates = [
            ...alarmsOn(resources, PBX_NAMESPACE, ["DatabasePoolInUse"]),
            ...alarmsOn(resources, "AWS/RDS", ["DatabaseConnections", "ClientConnections"]).filter((alarm) => targets.some((target) => watches(alarm, target))),
        ];
        requireAlarm(resources, { what: "database connection pool use (Warden/PBX DatabasePoolInUse or RDS connections)", candidates }, report);
    },
});

import { alarmsOn, requireAlarm, watches } from "../../../lib/alarms";
import { asNumber } from "../../../lib/resources";

import { automatedRule } from "../../../lib/rule";
import { requireDatabases } from "../../pbx";

export default automatedRule({
    name: "db-storage-growth",
    items: ["WP-1.3.1.4"],
    description:
        "Each primary PostgreSQL database can grow and its growth is watched: RDS storage autoscaling is on (maxAllocatedStorage above allocatedStorage) and a CloudWatch alarm on AWS/RDS FreeStorageSpace for the database notifies a subscribed SNS topic.",
    severity: "medium",
    remediationSteps:
        "The kit sets maxAllocatedStorage to 5x the allocated size and alarms on FreeStorageSpace. In your own program, set `maxAllocatedStorage` and add an aws.cloudwatch.MetricAlarm (AWS/RDS FreeStorageSpace, dimensions DBInstanceIdentifier) with alarmActions to a subscribed topic.",
    validate: ({ resources, report }) => {
        for (const database of requireDatabases({ resources, report })) {
            const allocated = asNumber(database.props.allocatedStorage) ?? 0;
            const maximum = asNumber(database.props.maxAllocatedStorage) ?? 0;
            if (database.type === "aws:rds/instance:Instance" && maximum <= allocated) {
                report(`has storage autoscaling off (maxAllocatedStorage ${maximum || "unset"}, allocatedStorage ${allocated}), so it stops when the disk fills`, database);
            }
            const candidates = alarmsOn(resources, "AWS/RDS", ["FreeStorageSpace"]).filter((alarm) => watches(alarm, database));
            requireAlarm(resources, { what: `free storage of database "${database.name}"`, candidates }, report);
        }
    },
});

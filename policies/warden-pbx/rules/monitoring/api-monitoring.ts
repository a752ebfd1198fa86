import { alarmsOn, requireAlarm, watches } from "../../../lib/alarms";
import { balancersFronting, targetGroupsOfHost } from "../../../lib/edge";
import { pbxHosts } from "../../../lib/hosts";
import { automatedRule } from "../../../lib/rule";
import { PBX_NAMESPACE } from "../../pbx";

export default automatedRule({
    name: "api-monitoring",
    items: ["WP-4.1.2.6"],
    description:
        "A CloudWatch alarm watches the PBX API and notifies a subscribed SNS topic: Warden/PBX ApiLatency, or AWS/ApplicationELB TargetResponseTime / HTTPCode_Target_5XX_Count of a load balancer or target group serving the PBX host.",
    severity: "high",
    remediationSteps: "The kit alarms on Warden/PBX ApiLatency. In your own program, add an alarm on ApiLatency or on the load balancer's TargetResponseTime with alarmActions to a subscribed topic.",
    validate: ({ resources, report }) => {
        const targets = pbxHosts(resources).flatMap((host) => [...targetGroupsOfHost(resources, host), ...balancersFronting(resources, host)]);
        const candidates = [
            ...alarmsOn(resources, PBX_NAMESPACE, ["ApiLatency"]),
            ...alarmsOn(resources, "AWS/ApplicationELB", ["TargetResponseTime", "HTTPCode_Target_5XX_Count"]).filter((alarm) => targets.some((target) => watches(alarm, target))),
        ];
        requireAlarm(resources, { what: "the PBX API (Warden/PBX ApiLatency or the load balancer's response time / 5XX)", candidates }, report);
    },
});

import { automatedRule } from "../../../lib/rule";
import { PBX_NAMESPACE } from "../../pbx";
import { requirePlotted } from "./tracked";

export default automatedRule({
    name: "api-response-tracked",
    items: ["WP-4.4.1.3.5"],
    description: "A CloudWatch dashboard of the program plots the API response time: Warden/PBX ApiLatency or AWS/ApplicationELB TargetResponseTime.",
    severity: "medium",
    remediationSteps: "The kit's PBX dashboard plots ApiLatency. In your own program, add [\"Warden/PBX\", \"ApiLatency\"] (or the load balancer's TargetResponseTime) to a dashboard widget.",
    validate: ({ resources, report }) =>
        requirePlotted(resources, report, "API response times", [
            { namespace: PBX_NAMESPACE, metrics: ["ApiLatency"] },
            { namespace: "AWS/ApplicationELB", metrics: ["TargetResponseTime"] },
        ]),
});

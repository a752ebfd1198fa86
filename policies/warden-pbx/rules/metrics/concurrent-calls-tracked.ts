import { automatedRule } from "../../../lib/rule";
import { PBX_NAMESPACE } from "../../pbx";
import { requirePlotted } from "./tracked";

export default automatedRule({
    name: "concurrent-calls-tracked",
    items: ["WP-4.4.1.3.1"],
    description: "A CloudWatch dashboard of the program plots Warden/PBX ConcurrentCalls (its dashboardBody has a metric widget row for it), so concurrent calls is tracked over time.",
    severity: "medium",
    remediationSteps: "The kit's PBX dashboard plots every Warden/PBX metric. In your own program, add [\"Warden/PBX\", \"ConcurrentCalls\"] to a metric widget of an aws.cloudwatch.Dashboard.",
    validate: ({ resources, report }) => requirePlotted(resources, report, "concurrent calls", [{ namespace: PBX_NAMESPACE, metrics: ["ConcurrentCalls"] }]),
});

import { automatedRule } from "../../../lib/rule";
import { PBX_NAMESPACE } from "../../pbx";
import { requirePlotted } from "./tracked";

export default automatedRule({
    name: "call-duration-tracked",
    items: ["WP-4.4.1.3.3"],
    description: "A CloudWatch dashboard of the program plots Warden/PBX AverageCallDuration (its dashboardBody has a metric widget row for it), so the average call duration is tracked over time.",
    severity: "medium",
    remediationSteps: "The kit's PBX dashboard plots every Warden/PBX metric. In your own program, add [\"Warden/PBX\", \"AverageCallDuration\"] to a metric widget of an aws.cloudwatch.Dashboard.",
    validate: ({ resources, report }) => requirePlotted(resources, report, "the average call duration", [{ namespace: PBX_NAMESPACE, metrics: ["AverageCallDuration"] }]),
});

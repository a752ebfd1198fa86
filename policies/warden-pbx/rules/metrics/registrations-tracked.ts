import { automatedRule } from "../../../lib/rule";
import { PBX_NAMESPACE } from "../../pbx";
import { requirePlotted } from "./tracked";

export default automatedRule({
    name: "registrations-tracked",
    items: ["WP-4.4.1.3.4"],
    description: "A CloudWatch dashboard of the program plots Warden/PBX ActiveRegistrations (its dashboardBody has a metric widget row for it), so the registration count is tracked over time.",
    severity: "medium",
    remediationSteps: "The kit's PBX dashboard plots every Warden/PBX metric. In your own program, add [\"Warden/PBX\", \"ActiveRegistrations\"] to a metric widget of an aws.cloudwatch.Dashboard.",
    validate: ({ resources, report }) => requirePlotted(resources, report, "the registration count", [{ namespace: PBX_NAMESPACE, metrics: ["ActiveRegistrations"] }]),
});

import { DASHBOARD } from "../../../lib/dashboards";
import { ofType } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";

const GRAFANA = ["aws:grafana/workspace:Workspace", "kubernetes:helm.sh/v3:Release"];

export default automatedRule({
    name: "dashboard",
    items: ["WP-4.4.1.2"],
    description:
        "A dashboard exists: an Amazon Managed Grafana workspace, a Grafana helm release, or a CloudWatch dashboard (accepted as the equivalent on AWS; the key metrics it must plot are checked by WP-4.4.1.3.x).",
    severity: "low",
    remediationSteps: "The kit creates a CloudWatch dashboard for the PBX. For Grafana, add an aws.grafana.Workspace with CloudWatch as data source.",
    validate: ({ resources, report }) => {
        const grafana = ofType(resources, ...GRAFANA).filter((resource) => resource.type !== "kubernetes:helm.sh/v3:Release" || /grafana/.test(String(resource.props.chart ?? "")));
        if (grafana.length === 0 && ofType(resources, DASHBOARD).length === 0) {
            report("no dashboard (Grafana workspace, Grafana helm release or CloudWatch dashboard) exists");
        }
    },
});

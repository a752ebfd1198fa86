// "Key metrics tracked": a metric is tracked when a dashboard of the program plots it.
import { PolicyResource } from "@pulumi/policy";
import { dashboardsPlotting } from "../../../lib/dashboards";

export function requirePlotted(resources: PolicyResource[], report: (message: string) => void, what: string, alternatives: { namespace: string; metrics: string[] }[]): void {
    if (!alternatives.some(({ namespace, metrics }) => dashboardsPlotting(resources, namespace, metrics).length > 0)) {
        report(`no CloudWatch dashboard plots ${what} (${alternatives.map(({ namespace, metrics }) => `${namespace} ${metrics.join("/")}`).join(" or ")})`);
    }
}

// CloudWatch dashboards: which metrics their widgets plot (dashboardBody JSON, metric arrays
// [namespace, name, dim, value, ...] with "." repeating the previous row's value).
import { PolicyResource } from "@pulumi/policy";
import { ofType } from "./resources";

export const DASHBOARD = "aws:cloudwatch/dashboard:Dashboard";

export interface PlottedMetric {
    dashboard: PolicyResource;
    namespace: string;
    metricName: string;
}

export function plottedMetrics(resources: PolicyResource[]): PlottedMetric[] {
    const plotted: PlottedMetric[] = [];
    for (const dashboard of ofType(resources, DASHBOARD)) {
        const body = dashboard.props.dashboardBody;
        if (typeof body !== "string") {
            continue;
        }
        let parsed: { widgets?: { properties?: { metrics?: unknown[] } }[] };
        try {
            parsed = JSON.parse(body);
        } catch {
            continue; // An unparsable body plots nothing; rules then report the metric as untracked.
        }
        for (const widget of parsed.widgets ?? []) {
            let previous: unknown[] = [];
            for (const row of widget.properties?.metrics ?? []) {
                if (!Array.isArray(row)) {
                    continue;
                }
                const values = row.filter((entry) => typeof entry === "string") as string[];
                const expanded = values.map((value, index) => (value === "." ? String(previous[index] ?? "") : value));
                previous = expanded;
                if (expanded.length >= 2) {
                    plotted.push({ dashboard, namespace: expanded[0], metricName: expanded[1] });
                }
            }
        }
    }
    return plotted;
}

/** Dashboards plotting one of the metrics. */
export function dashboardsPlotting(resources: PolicyResource[], namespace: string, metricNames: string[]): PolicyResource[] {
    return plottedMetrics(resources)
        .filter((metric) => metric.namespace === namespace && metricNames.includes(metric.metricName))
        .map((metric) => metric.dashboard);
}

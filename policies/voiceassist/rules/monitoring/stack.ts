// The monitoring rules' view of kube-prometheus-stack: the release, reported missing when absent.
import { PolicyResource } from "@pulumi/policy";
import { AlertmanagerConfig, alertmanagerConfigs, prometheusStacks } from "../../../lib/observability";
import { RuleContext } from "../../../lib/rule";

type Context = Pick<RuleContext<unknown>, "resources" | "report">;

export const NO_PROMETHEUS_STACK = "no kube-prometheus-stack release (kubernetes:helm.sh/v3:Release) runs Prometheus, Alertmanager and Grafana";

export function eachPrometheusStack(context: Context, check: (release: PolicyResource) => void): void {
    const stacks = prometheusStacks(context.resources);
    if (stacks.length === 0) {
        context.report(NO_PROMETHEUS_STACK);
    }
    stacks.forEach(check);
}

/** Alertmanager configurations; reports when there is none. */
export function requireAlertmanager(context: Context): AlertmanagerConfig[] {
    const configs = alertmanagerConfigs(context.resources);
    if (configs.length === 0) {
        context.report(prometheusStacks(context.resources).length === 0 ? NO_PROMETHEUS_STACK : "no Alertmanager is configured (kube-prometheus-stack alertmanager.enabled and alertmanager.config)");
    }
    return configs;
}

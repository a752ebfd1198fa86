// The Grafana rules' view: Grafana instances (kube-prometheus-stack's or the grafana chart), reported missing when absent.
import { GrafanaInstance, grafanaInstances } from "../../../lib/observability";
import { RuleContext } from "../../../lib/rule";

export function eachGrafana(context: Pick<RuleContext<unknown>, "resources" | "report">, check: (instance: GrafanaInstance) => void): void {
    const instances = grafanaInstances(context.resources);
    if (instances.length === 0) {
        context.report("no Grafana runs: no kube-prometheus-stack release with grafana enabled and no grafana release");
    }
    instances.forEach(check);
}

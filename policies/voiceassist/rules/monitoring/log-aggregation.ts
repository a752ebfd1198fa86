import { valueAt } from "../../../lib/helm";
import { chartName, logShippers, lokiReleases } from "../../../lib/observability";
import { automatedRule } from "../../../lib/rule";
import { parseUrl } from "../../voiceassist";

/** Where a shipper release pushes logs (promtail's clients; others' loki URL values). */
function pushUrls(release: import("@pulumi/policy").PolicyResource): string[] {
    if (chartName(release) === "promtail") {
        const clients = (valueAt(release, "config.clients") ?? [{ url: "http://loki-gateway/loki/api/v1/push" }]) as Record<string, unknown>[];
        return clients.map((client) => String(client.url ?? ""));
    }
    const text = JSON.stringify(release.props.values ?? {});
    return [...text.matchAll(/https?:\/\/[^"\\\s]+\/loki\/api\/v1\/push/g)].map((match) => match[0]);
}

export default automatedRule({
    name: "log-aggregation",
    items: ["VA-8.4.2"],
    description:
        "Logs are aggregated in Loki: a log shipper release (promtail, alloy, fluent-bit, ...) pushes to a Loki release of the program (its push URL's host is the release's gateway or service: <loki release>-gateway, <loki release>.<namespace>...). Promtail pushes to http://loki-gateway/loki/api/v1/push when no client is set.",
    severity: "high",
    remediationSteps: "The kit's promtail release pushes to http://loki-gateway.monitoring.svc/loki/api/v1/push. In your own program, point your shipper's client at your Loki release.",
    validate: ({ resources, report }) => {
        const loki = lokiReleases(resources).map((release) => String(release.props.name ?? release.name));
        const shippers = logShippers(resources);
        if (loki.length === 0) {
            report("no Loki release exists to aggregate logs");
        }
        if (shippers.length === 0) {
            report("no log shipper release (promtail, alloy, fluent-bit) sends logs anywhere");
        }
        for (const shipper of shippers) {
            const hosts = pushUrls(shipper).map((url) => parseUrl(url)?.hostname ?? "");
            if (loki.length > 0 && !hosts.some((host) => loki.some((name) => host === name || host.startsWith(`${name}-`) || host.startsWith(`${name}.`)))) {
                report(`pushes logs to ${hosts.join(", ") || "nowhere"}, not to a Loki release of the program (${loki.join(", ")})`, shipper);
            }
        }
    },
});

import { alarmsOn, requireAlarm } from "../../../lib/alarms";
import { TARGET_GROUP_TYPES } from "../../../lib/edge";
import { describeObject, mainContainers } from "../../../lib/kubernetes";
import { ofType } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { appWorkload } from "../../voiceassist";

export default automatedRule<{ path: string; workload: string }>({
    name: "api-health",
    items: ["VA-10.2.1"],
    description:
        "The API gateway's `path` (/health) is checked and an unanswered check reaches people: the workload named `workload` has an HTTP readiness probe on that path, every load balancer target group of the program health-checks that path, and a CloudWatch alarm on AWS/ApplicationELB HealthyHostCount fires below 1 and notifies a subscribed SNS topic.",
    severity: "high",
    remediationSteps: "The kit probes /health in the api-gateway Deployment, health-checks /health on the target group and alarms when no healthy host remains. In your own program, do the same.",
    config: {
        path: { type: "string", default: "/health", description: "The health endpoint." },
        workload: { type: "string", default: "api-gateway", description: "Name (part) of the API gateway workload." },
    },
    validate: ({ resources, config, report }) => {
        const api = appWorkload(resources, config.workload);
        if (!api) {
            report(`no ${config.workload} workload runs the API gateway`);
        } else if (!mainContainers(api).some((container) => ((container.spec.readinessProbe as Record<string, Record<string, unknown>> | undefined)?.httpGet?.path ?? "") === config.path)) {
            report(`${describeObject(api)} has no HTTP readiness probe on ${config.path}`, api);
        }
        const groups = ofType(resources, ...TARGET_GROUP_TYPES);
        for (const group of groups) {
            const path = ((group.props.healthCheck ?? {}) as Record<string, unknown>).path;
            if (path !== config.path) {
                report(`health-checks ${String(path ?? "/")} instead of ${config.path}`, group);
            }
        }
        requireAlarm(resources, { what: "healthy API hosts", candidates: alarmsOn(resources, "AWS/ApplicationELB", ["HealthyHostCount"]), threshold: { direction: "below", limit: 1 } }, report);
    },
});

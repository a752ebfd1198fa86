import { automatedRule } from "../../../lib/rule";
import { requirePlotted } from "./tracked";

export default automatedRule({
    name: "system-resources-tracked",
    items: ["WP-4.4.1.3.7"],
    description: "CloudWatch dashboards of the program plot CPU (AWS/EC2 CPUUtilization or CWAgent cpu_usage_active), memory (CWAgent mem_used_percent) and disk (CWAgent disk_used_percent) use.",
    severity: "medium",
    remediationSteps: "The kit's PBX dashboard has a host widget with all three. In your own program, add those metrics to a dashboard widget.",
    validate: ({ resources, report }) => {
        requirePlotted(resources, report, "CPU use", [
            { namespace: "AWS/EC2", metrics: ["CPUUtilization"] },
            { namespace: "CWAgent", metrics: ["cpu_usage_active"] },
        ]);
        requirePlotted(resources, report, "memory use", [{ namespace: "CWAgent", metrics: ["mem_used_percent"] }]);
        requirePlotted(resources, report, "disk use", [{ namespace: "CWAgent", metrics: ["disk_used_percent"] }]);
    },
});

import { automatedRule } from "../../../lib/rule";
import { releaseDeploymentProblem } from "../../voiceassist";
import { eachGrafana } from "./grafana";

export default automatedRule({
    name: "grafana-running",
    items: ["VA-8.2.1"],
    description: "Grafana runs in the cluster: kube-prometheus-stack with grafana.enabled not false, or a grafana release, with an exact chart version and awaited by Pulumi.",
    severity: "medium",
    remediationSteps: "The kit runs Grafana from kube-prometheus-stack. In your own program, keep grafana.enabled and pin the chart version.",
    validate: (context) => {
        eachGrafana(context, ({ release }) => {
            const problem = releaseDeploymentProblem(release);
            if (problem) {
                context.report(problem, release);
            }
        });
    },
});

import { JOB, containersOf, describeObject } from "../../../lib/kubernetes";
import { ofType } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { appWorkloads } from "../../voiceassist";

function command(container: { spec: Record<string, unknown> }): string {
    return [...((container.spec.command ?? []) as unknown[]), ...((container.spec.args ?? []) as unknown[])].map(String).join(" ");
}

export default automatedRule<{ command: string }>({
    name: "migrations",
    items: ["VA-5.1.4", "VA-10.3.1"],
    description:
        "Database migrations run as part of the deployment: a Kubernetes Job (or an init container of an app workload) runs `command` (alembic upgrade head). A Job is awaited by Pulumi until it succeeds (a failed migration fails the update), so it must not carry the pulumi.com/skipAwait annotation.",
    severity: "high",
    remediationSteps: "The kit runs a db-migrate Job (`alembic upgrade head`) before rolling out the Deployments. In your own program, add a kubernetes.batch.v1.Job with that command and the app's environment, without skipAwait.",
    config: { command: { type: "string", default: "alembic upgrade head", description: "The migration command." } },
    validate: ({ resources, config, report }) => {
        const jobs = ofType(resources, JOB).filter((job) => containersOf(job).some((container) => command(container).includes(config.command)));
        const init = appWorkloads(resources).filter((workload) => containersOf(workload).some((container) => container.init && command(container).includes(config.command)));
        if (jobs.length === 0 && init.length === 0) {
            report(`nothing runs \`${config.command}\`: no Kubernetes Job or init container of the application`);
        }
        for (const job of jobs) {
            const annotations = (((job.props.metadata ?? {}) as Record<string, unknown>).annotations ?? {}) as Record<string, unknown>;
            if (annotations["pulumi.com/skipAwait"] === "true") {
                report(`${describeObject(job)} is not awaited (pulumi.com/skipAwait), so a failed migration goes unnoticed`, job);
            }
        }
    },
});

import { jobActive, scheduledJobs } from "../../../lib/host-files";
import { automatedRule } from "../../../lib/rule";
import { eachPbxHost } from "../../pbx";

export default automatedRule<{ script: string }>({
    name: "fips-health-check",
    items: ["WP-3.3.1.6"],
    description: "The PBX host runs the FIPS health check (`script`, scripts/check_fips_health.py) on a schedule: a cron file or an enabled systemd timer whose service runs it.",
    severity: "medium",
    remediationSteps: "The kit writes pbx-fips-health.service + .timer (daily) and enables the timer. In your own program, add such a timer or an /etc/cron.d entry.",
    config: { script: { type: "string", default: "check_fips_health.py", description: "The health check script." } },
    validate: (context) => {
        eachPbxHost(context, (_host, config, source) => {
            const jobs = scheduledJobs(config).filter((job) => job.command.includes(context.config.script));
            if (jobs.length === 0) {
                context.report(`schedules no run of ${context.config.script}`, source);
            } else if (!jobs.some((job) => jobActive(config, job))) {
                context.report(`writes ${jobs.map((job) => job.source).join(", ")} but never enables the timer`, source);
            }
        });
    },
});

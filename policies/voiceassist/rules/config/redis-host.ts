import { automatedRule } from "../../../lib/rule";
import { describeContainer, redisMasterHosts, redisRelease, requireVariables, variableValue } from "../../voiceassist";

export default automatedRule({
    name: "redis-host",
    items: ["VA-3.3.1"],
    description:
        "Every container of the application sets REDIS_HOST to the master service of the program's Redis release (<fullname>-master, optionally .<namespace>.svc.cluster.local), so it writes to the instance that persists.",
    severity: "high",
    remediationSteps: "The kit sets REDIS_HOST=redis-master.data.svc.cluster.local. In your own program, set REDIS_HOST to your release's master service.",
    validate: (context) => {
        const release = redisRelease(context.resources);
        if (!release) {
            context.report("no Redis release exists for REDIS_HOST to name");
        }
        requireVariables(context, ["REDIS_HOST"], (entry, name, source) => {
            const value = variableValue(source);
            if (release && (value === undefined || !redisMasterHosts(release).includes(value))) {
                context.report(`${describeContainer(entry)} sets ${name} to ${value ?? "a value this program does not show"}, not the master service of release ${release.name} (${redisMasterHosts(release)[3]})`, entry.workload);
            }
        });
    },
});

import { automatedRule } from "../../../lib/rule";
import { NO_APP_WORKLOAD, appContainers, describeContainer } from "../../voiceassist";

export default automatedRule({
    name: "nextcloud",
    items: ["VA-3.5.6"],
    description:
        "When the application uses Nextcloud (a container defines NEXTCLOUD_URL), every container that does also defines NEXTCLOUD_USERNAME and NEXTCLOUD_PASSWORD, the password from a Kubernetes Secret. Without NEXTCLOUD_URL the item does not apply.",
    severity: "medium",
    remediationSteps: "Set `readiness-kit:voiceassistNextcloudUrl`, `...NextcloudUsername` and `...NextcloudPassword` (secret) to enable the integration; the kit writes them into the app's ConfigMap and Secret.",
    validate: (context) => {
        const containers = appContainers(context.resources);
        const using = containers.filter((entry) => entry.env.has("NEXTCLOUD_URL"));
        if (containers.length > 0 && using.length === 0) {
            context.notApplicable("the application does not use Nextcloud (no container defines NEXTCLOUD_URL)");
        }
        if (containers.length === 0) {
            context.report(NO_APP_WORKLOAD);
        }
        for (const entry of using) {
            for (const name of ["NEXTCLOUD_USERNAME", "NEXTCLOUD_PASSWORD"]) {
                const source = entry.env.get(name);
                if (!source) {
                    context.report(`${describeContainer(entry)} uses Nextcloud but does not define ${name}`, entry.workload);
                } else if (name === "NEXTCLOUD_PASSWORD" && source.kind !== "secret") {
                    context.report(`${describeContainer(entry)} takes NEXTCLOUD_PASSWORD from outside a Secret`, entry.workload);
                }
            }
        }
    },
});

import { SECRET_OBJECT, objectNamed } from "../../../lib/kubernetes";
import { isTrue } from "../../../lib/helm";
import { grafanaValue } from "../../../lib/observability";
import { automatedRule } from "../../../lib/rule";
import { releaseNamespace } from "../../voiceassist";
import { eachGrafana } from "./grafana";

export default automatedRule({
    name: "grafana-smtp",
    items: ["VA-8.2.5"],
    description:
        "Grafana can send alert e-mail: \"grafana.ini\".smtp has enabled true and a host, its credentials come from a Kubernetes Secret of the program (smtp.existingSecret) rather than a password in grafana.ini, and it does not skip TLS verification.",
    severity: "medium",
    remediationSteps: "The kit enables grafana.ini smtp with the SMTP host and reads user/password from the grafana-smtp Secret (smtp.existingSecret). In your own program, do the same.",
    validate: (context) => {
        eachGrafana(context, (instance) => {
            const smtp = (grafanaValue(instance, ["grafana.ini", "smtp"]) ?? {}) as Record<string, unknown>;
            if (!isTrue(smtp.enabled) || typeof smtp.host !== "string" || smtp.host === "") {
                context.report("does not enable SMTP (\"grafana.ini\".smtp.enabled and host)", instance.release);
                return;
            }
            if (isTrue(smtp.skip_verify)) {
                context.report("skips TLS verification of the SMTP server (smtp.skip_verify)", instance.release);
            }
            if (smtp.password !== undefined) {
                context.report("writes the SMTP password into grafana.ini instead of a Secret", instance.release);
            }
            const existing = grafanaValue(instance, ["smtp", "existingSecret"]);
            if (typeof existing !== "string" || !objectNamed(context.resources, SECRET_OBJECT, existing, releaseNamespace(instance.release))) {
                context.report("reads SMTP credentials from no Secret of this program (smtp.existingSecret)", instance.release);
            }
        });
    },
});

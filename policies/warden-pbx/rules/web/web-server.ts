import { packagesOf } from "../../../lib/cloud-init";
import { automatedRule } from "../../../lib/rule";
import { eachPbxHost } from "../../pbx";

export default automatedRule({
    name: "web-server",
    items: ["WP-2.3.1.1"],
    description: "The PBX host's cloud-init installs nginx or apache2.",
    severity: "high",
    remediationSteps: "The kit installs nginx on the PBX host. In your own program, add nginx to the host's cloud-init packages.",
    validate: (context) => {
        eachPbxHost(context, (_host, config, source) => {
            if (!packagesOf(config).some((name) => name === "nginx" || name === "nginx-full" || name === "nginx-light" || name === "apache2")) {
                context.report("installs neither nginx nor apache2", source);
            }
        });
    },
});

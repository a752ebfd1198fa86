import { automatedRule } from "../../../lib/rule";
import { eachAppHost } from "../../voiceassist";

export default automatedRule({
    name: "hostname",
    items: ["VA-1.1.6"],
    description:
        "Reads each VoiceAssist server's cloud-init: `hostname` (or `fqdn`) must be set to a valid host name (letters, digits and hyphens per label), so the server does not keep EC2's ip-a-b-c-d name; an `fqdn` must be a dotted name.",
    severity: "low",
    remediationSteps: "The kit sets `hostname` and `fqdn` from `readiness-kit:voiceassistDomain`. In your own program, add `hostname: <name>` and `fqdn: <name>.<domain>` to the server's cloud-config.",
    validate: (context) => {
        const label = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;
        eachAppHost(context, (_host, config, source) => {
            const names = [config.hostname, config.fqdn].filter((name): name is string => typeof name === "string" && name !== "");
            if (names.length === 0) {
                context.report("sets no hostname or fqdn, so the server keeps the ip-a-b-c-d name EC2 gives it", source);
            }
            for (const name of names) {
                if (!name.split(".").every((part) => label.test(part))) {
                    context.report(`sets host name ${name}, which is not a valid host name`, source);
                }
            }
            if (typeof config.fqdn === "string" && config.fqdn !== "" && !config.fqdn.includes(".")) {
                context.report(`sets fqdn ${config.fqdn}, which is not a fully qualified name`, source);
            }
        });
    },
});

// The "X installed" boxes of section 2: a package the server's cloud-init installs.
import { packagesOf } from "../../../lib/cloud-init";
import { AutomatedRule, automatedRule } from "../../../lib/rule";
import { eachAppHost } from "../../voiceassist";

export function packageRule(options: { name: string; item: string; what: string; packages: string[]; severity: "low" | "medium" | "high" }): AutomatedRule {
    return automatedRule<{ packages: string[] }>({
        name: options.name,
        items: [options.item],
        description: `Reads each VoiceAssist server's cloud-init \`packages\`: one of \`packages\` (${options.packages.join(", ")}) is installed, so ${options.what} is present.`,
        severity: options.severity,
        remediationSteps: `The kit installs ${options.packages[0]} on the server. In your own program, add ${options.packages[0]} to the server's cloud-config packages.`,
        config: { packages: { type: "array", items: { type: "string" }, default: options.packages, description: `Packages any of which provides ${options.what}.` } },
        validate: (context) => {
            eachAppHost(context, (_host, config, source) => {
                if (!packagesOf(config).some((name) => context.config.packages.includes(name))) {
                    context.report(`does not install ${options.what} (${context.config.packages.join(" or ")})`, source);
                }
            });
        },
    });
}

import { aptSettings } from "../../../lib/host-files";
import { automatedRule } from "../../../lib/rule";
import { eachPbxHost } from "../../pbx";

export default automatedRule({
    name: "update-checking",
    items: ["WP-9.3.1.5"],
    description: "The PBX host checks for updates automatically: /etc/apt/apt.conf.d sets APT::Periodic::Update-Package-Lists to \"1\" (daily).",
    severity: "low",
    remediationSteps: "The kit writes 20auto-upgrades with Update-Package-Lists \"1\".",
    validate: (context) => {
        eachPbxHost(context, (_host, config, source) => {
            if (aptSettings(config).get("APT::Periodic::Update-Package-Lists")?.[0] !== "1") {
                context.report('does not check for updates daily (APT::Periodic::Update-Package-Lists "1")', source);
            }
        });
    },
});

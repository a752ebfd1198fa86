import { packagesOf } from "../../../lib/cloud-init";
import { jailsOf } from "../../../lib/fail2ban";
import { jailStrength } from "../../../lib/host-checks";
import { automatedRule } from "../../../lib/rule";
import { eachPbxHost, pbxConfig, setting } from "../../pbx";

export default automatedRule<{ maxRetry: number; minBanSeconds: number }>({
    name: "fail2ban",
    items: ["WP-3.4.1.4"],
    description:
        "Reads the PBX host's cloud-init: fail2ban is installed, and an enabled jail (jail.local / jail.d) watches the PBX's own log (the directory of config.yml logging.file, /var/log/pbx by default) with a filter that exists, banning after at most maxRetry failures for at least minBanSeconds.",
    severity: "high",
    remediationSteps:
        "The kit writes /etc/fail2ban/jail.d/pbx.local with a [pbx-auth] jail on /var/log/pbx/pbx.log and its filter. In your own program, install fail2ban and write such a jail (enabled = true, logpath, maxretry <= 5, bantime >= 10m) plus /etc/fail2ban/filter.d/<name>.conf.",
    config: {
        maxRetry: { type: "integer", minimum: 1, default: 5, description: "Most failures before a ban." },
        minBanSeconds: { type: "integer", minimum: 1, default: 600, description: "Shortest ban." },
    },
    validate: (context) => {
        eachPbxHost(context, (_host, config, source) => {
            if (!packagesOf(config).includes("fail2ban")) {
                context.report("does not install fail2ban", source);
                return;
            }
            const pbx = pbxConfig(config);
            const logFile = typeof pbx !== "string" ? setting(pbx.data, "logging.file") : undefined;
            const logDir = typeof logFile === "string" && logFile.startsWith("/") ? logFile.slice(0, logFile.lastIndexOf("/")) : "/var/log/pbx";
            const jails = jailsOf(config).filter((jail) => jail.enabled && (jail.settings.get("logpath") ?? "").split(/\s+/).some((path) => path.startsWith(`${logDir}/`)));
            if (jails.length === 0) {
                context.report(`has no enabled fail2ban jail watching the PBX log (${logDir}/)`, source);
                return;
            }
            for (const problem of jailStrength(config, jails, context.config.maxRetry, context.config.minBanSeconds).problems) {
                context.report(problem, source);
            }
        });
    },
});

import { packagesOf } from "../../../lib/cloud-init";
import { filterAvailable, jailsOf, seconds } from "../../../lib/fail2ban";
import { automatedRule } from "../../../lib/rule";
import { eachPbxHost, pbxConfig, setting } from "../../pbx";

/** Filters the Ubuntu fail2ban package ships (a subset). */
const SHIPPED_FILTERS = ["sshd", "asterisk", "nginx-http-auth", "nginx-limit-req", "nginx-botsearch", "recidive"];

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
            const good = jails.filter((jail) => {
                const retry = Number(jail.settings.get("maxretry") ?? 5);
                const ban = seconds(jail.settings.get("bantime") ?? "10m") ?? 0;
                return filterAvailable(config, jail, SHIPPED_FILTERS) && retry <= context.config.maxRetry && (ban < 0 || ban >= context.config.minBanSeconds);
            });
            if (good.length === 0) {
                for (const jail of jails) {
                    context.report(
                        `jail [${jail.name}] (${jail.file}) ${filterAvailable(config, jail, SHIPPED_FILTERS) ? "" : "uses a filter that is not installed; "}bans after ${jail.settings.get("maxretry") ?? 5} failures for ${jail.settings.get("bantime") ?? "10m"}; at most ${context.config.maxRetry} failures and at least ${context.config.minBanSeconds} s are required`,
                        source,
                    );
                }
            }
        });
    },
});

import { NGINX_CONFIG_PATHS, serverNames } from "../../../lib/nginx";
import { automatedRule } from "../../../lib/rule";
import { eachAppWeb } from "../../voiceassist";

export default automatedRule<{ domain: string }>({
    name: "nginx-site",
    items: ["VA-4.2.1"],
    description:
        "Each VoiceAssist server's cloud-init writes an nginx configuration file (/etc/nginx/conf.d/*.conf or sites-available/enabled) with a server block that proxies to the application (a location with proxy_pass); when `domain` is set, that server answers to it (server_name).",
    severity: "high",
    remediationSteps: "The kit writes /etc/nginx/conf.d/voiceassist.conf proxying to the application. In your own program, add such a file to the server's write_files.",
    config: { domain: { type: "string", default: "", description: "The production domain the server block must name (empty: any)." } },
    validate: (context) => {
        eachAppWeb(context, ({ config, proxies, source }) => {
            const written = (config.write_files ?? []).some((file) => NGINX_CONFIG_PATHS.some((pattern) => pattern.test(file.path)));
            if (!written || proxies.length === 0) {
                context.report(written ? "writes an nginx configuration without a server that proxies to the application (proxy_pass)" : "writes no nginx configuration file", source);
            } else if (context.config.domain !== "" && !proxies.some(({ server }) => serverNames(server).includes(context.config.domain))) {
                context.report(`has no nginx server proxying for ${context.config.domain} (server_name)`, source);
            }
        });
    },
});

import { commandsOf, filesOf } from "../../../lib/cloud-init";
import { accessOf, ownerOnly } from "../../../lib/host-files";
import { effective } from "../../../lib/nginx";
import { automatedRule } from "../../../lib/rule";
import { PRIVATE_KEY_PEM } from "../../../lib/secrets";
import { ofType } from "../../../lib/resources";
import { eachAppHost, eachTlsEndpoint } from "../../voiceassist";

export default automatedRule({
    name: "private-key-secured",
    items: ["VA-4.1.4"],
    description:
        "No private key travels in plaintext: none in a VoiceAssist server's user data (files and commands) or in a Kubernetes ConfigMap; every ssl_certificate_key nginx reads is mode 600/400 when cloud-init creates it (certbot's keys under /etc/letsencrypt are 600 by construction); ACM keeps load balancer keys out of reach.",
    severity: "critical",
    remediationSteps: "The kit keeps its key in ACM. In your own program, keep keys in ACM or let certbot create them; never put a PEM private key into write_files or a ConfigMap, and give key files permissions 0600.",
    validate: (context) => {
        eachAppHost(context, (_host, config, source) => {
            const texts = [...[...filesOf(config).entries()].map(([path, file]) => ({ where: path, text: file.content })), ...commandsOf(config).map((command) => ({ where: "a boot command", text: command }))];
            for (const { where } of texts.filter((entry) => PRIVATE_KEY_PEM.test(entry.text))) {
                context.report(`carries a private key in its user data (${where})`, source);
            }
        });
        for (const configMap of ofType(context.resources, "kubernetes:core/v1:ConfigMap")) {
            if (Object.values((configMap.props.data ?? {}) as Record<string, unknown>).some((value) => typeof value === "string" && PRIVATE_KEY_PEM.test(value))) {
                context.report("holds a private key in a ConfigMap, which is not encrypted and readable by anyone who can read the namespace's config", configMap);
            }
        }
        eachTlsEndpoint(context, {
            nginx: (entry) => {
                for (const directive of effective(entry.chain, "ssl_certificate_key")) {
                    const path = directive.args[0] ?? "";
                    const access = accessOf(entry.config, path);
                    if (!path.startsWith("/etc/letsencrypt/") && access.how.length > 0 && !ownerOnly(access.mode)) {
                        context.report(`nginx server ${entry.name} reads its key ${path}, which has mode ${access.mode}; it must be 600`, entry.source);
                    }
                }
            },
        });
    },
});

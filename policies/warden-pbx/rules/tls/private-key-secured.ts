import { commandsOf, filesOf } from "../../../lib/cloud-init";
import { accessOf, ownerOnly } from "../../../lib/host-files";
import { PRIVATE_KEY_PEM } from "../../../lib/secrets";
import { automatedRule } from "../../../lib/rule";
import { eachPbxHost } from "../../pbx";
import { eachNginxTls } from "../../tls";
import { effective } from "../../../lib/nginx";

export default automatedRule({
    name: "private-key-secured",
    items: ["WP-3.1.1.2"],
    description:
        "No private key travels in a PBX host's user data (which any holder of ec2:DescribeInstanceAttribute can read), and every ssl_certificate_key of an nginx server is mode 600/400 when cloud-init creates it; certbot's keys under /etc/letsencrypt are 600 by construction, and ACM keeps load balancer keys out of reach.",
    severity: "critical",
    remediationSteps: "Keep keys in ACM (the kit) or let certbot create them. Never put a PEM private key into write_files; if a key file must be written, give it permissions 0600 and owner root.",
    validate: (context) => {
        eachPbxHost(context, (_host, config, source) => {
            const texts = [...[...filesOf(config).entries()].map(([path, file]) => ({ where: path, text: file.content })), ...commandsOf(config).map((command) => ({ where: "a boot command", text: command }))];
            for (const { where } of texts.filter((entry) => PRIVATE_KEY_PEM.test(entry.text))) {
                context.report(`carries a private key in its user data (${where})`, source);
            }
        });
        eachNginxTls(context, ({ chain, config, source, name }) => {
            for (const directive of effective(chain, "ssl_certificate_key")) {
                const path = directive.args[0] ?? "";
                if (path.startsWith("/etc/letsencrypt/")) {
                    continue;
                }
                const access = accessOf(config, path);
                if (access.how.length > 0 && !ownerOnly(access.mode)) {
                    context.report(`nginx server ${name} reads its key ${path}, which has mode ${access.mode}; it must be 600`, source);
                }
            }
        });
    },
});

import { recordName, records } from "../../../lib/dns";
import { serverNames } from "../../../lib/nginx";
import { automatedRule } from "../../../lib/rule";
import { eachWebEntry } from "../../web";

export default automatedRule({
    name: "virtual-host",
    items: ["WP-2.3.1.2"],
    description:
        "nginx on the PBX host has a server block proxying to the PBX API whose server_name is a host name of the program's DNS (a Route 53 A/AAAA/CNAME record), not a catch-all (_ or none).",
    severity: "medium",
    remediationSteps: "The kit writes /etc/nginx/conf.d/pbx.conf with `server_name portal.<domain>`. In your own program, set server_name to the PBX's DNS name.",
    validate: (context) => {
        const names = new Set(["A", "AAAA", "CNAME"].flatMap((type) => records(context.resources, type)).map(recordName));
        eachWebEntry(context, ({ proxies, source }) => {
            if (proxies.length === 0) {
                context.report("has no nginx server block proxying to the PBX API", source);
                return;
            }
            const named = proxies.filter(({ server }) => serverNames(server).some((name) => names.has(name.toLowerCase().replace(/\.$/, ""))));
            if (named.length === 0) {
                const given = proxies.flatMap(({ server }) => serverNames(server));
                context.report(`proxies the PBX in a server block named ${given.length > 0 ? given.join(" ") : "(no server_name)"}, which is not a DNS name of the program`, source);
            }
        });
    },
});

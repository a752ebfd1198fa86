import { extensionsOf, pbxHosts, sizeOf } from "../../../lib/hosts";
import { automatedRule } from "../../../lib/rule";
import { NO_PBX_HOST } from "../../pbx";

export default automatedRule<{ minGiB: number; recommendedGiB: number; extensionsThreshold: number }>({
    name: "pbx-memory",
    items: ["WP-1.1.1.2"],
    description:
        "Reads the PBX host's instance type (instance, else its launch template) and its memory from policies/lib/instance-types.ts; requires minGiB, or recommendedGiB when the host's readiness:extensions tag exceeds extensionsThreshold.",
    severity: "high",
    remediationSteps:
        "In the kit, set `readiness-kit:wardenInstanceType` to a type with enough memory (m7i.large has 8 GiB, m7i.xlarge 16 GiB). In your own program, raise the PBX instance's `instanceType`.",
    config: {
        minGiB: { type: "number", minimum: 1, default: 8, description: "Memory every PBX host needs, in GiB." },
        recommendedGiB: { type: "number", minimum: 1, default: 16, description: "Memory needed above the extensions threshold, in GiB." },
        extensionsThreshold: { type: "integer", minimum: 0, default: 100, description: "Extensions above which recommendedGiB applies." },
    },
    validate: ({ resources, config, report }) => {
        const hosts = pbxHosts(resources);
        if (hosts.length === 0) {
            report(NO_PBX_HOST);
        }
        for (const host of hosts) {
            const size = sizeOf(host);
            const extensions = extensionsOf(host) ?? 0;
            const large = extensions > config.extensionsThreshold;
            const required = large ? config.recommendedGiB : config.minGiB;
            if (size.memoryGiB === undefined) {
                report(`instance type ${size.instanceType ?? "(none)"} is not in the size table, so its memory is unknown; use a listed type`, size.source);
            } else if (size.memoryGiB < required) {
                report(`${size.instanceType} has ${size.memoryGiB} GiB of memory; ${required} GiB are required${large ? ` for ${extensions} extensions (more than ${config.extensionsThreshold})` : ""}`, size.source);
            }
        }
    },
});

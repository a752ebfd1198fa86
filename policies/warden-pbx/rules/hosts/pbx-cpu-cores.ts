import { extensionsOf, pbxHosts, sizeOf } from "../../../lib/hosts";
import { automatedRule } from "../../../lib/rule";
import { NO_PBX_HOST } from "../../pbx";

export default automatedRule<{ minCores: number; recommendedCores: number; extensionsThreshold: number }>({
    name: "pbx-cpu-cores",
    items: ["WP-1.1.1.1"],
    description:
        "Reads the PBX host's instance type (instance, else its launch template) and counts physical cores with policies/lib/instance-types.ts (cpuOptions.coreCount wins when set); requires minCores, or recommendedCores when the host's readiness:extensions tag exceeds extensionsThreshold.",
    severity: "high",
    remediationSteps:
        "In the kit, set `readiness-kit:wardenInstanceType` to a type with enough physical cores (m7i.2xlarge has 4, m7i.4xlarge 8; for more than 100 extensions use 8). In your own program, raise the PBX instance's `instanceType` and keep the `readiness:extensions` tag equal to the extensions you serve.",
    config: {
        minCores: { type: "integer", minimum: 1, default: 4, description: "Physical cores every PBX host needs." },
        recommendedCores: { type: "integer", minimum: 1, default: 8, description: "Physical cores needed above the extensions threshold." },
        extensionsThreshold: { type: "integer", minimum: 0, default: 100, description: "Extensions above which recommendedCores applies." },
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
            const required = large ? config.recommendedCores : config.minCores;
            if (size.cores === undefined) {
                report(`instance type ${size.instanceType ?? "(none)"} is not in the size table, so its physical cores are unknown; use a listed type or set cpuOptions.coreCount`, size.source);
            } else if (size.cores < required) {
                report(
                    `${size.instanceType} has ${size.cores} physical cores; ${required} are required${large ? ` for ${extensions} extensions (more than ${config.extensionsThreshold})` : ""}`,
                    size.source,
                );
            }
        }
    },
});

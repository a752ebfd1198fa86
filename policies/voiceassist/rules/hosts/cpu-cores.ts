import { automatedRule } from "../../../lib/rule";
import { NO_APP_HOST, serverSizes } from "../../voiceassist";

export default automatedRule<{ minCores: number }>({
    name: "cpu-cores",
    items: ["VA-1.1.3"],
    description:
        "Reads the instance type of every VoiceAssist server and EKS managed node group and its physical cores (cpuOptions.coreCount when set, else policies/lib/instance-types.ts: a vCPU is a hyperthread on Intel/AMD families before the 7th AMD generation): each must have at least minCores (16 is only recommended).",
    severity: "high",
    remediationSteps:
        "In the kit, set `readiness-kit:voiceassistInstanceType` to a type with 8 physical cores or more (m7a.2xlarge, m7i.4xlarge, m7g.2xlarge). In your own program, raise the instance's or node group's instance type.",
    config: { minCores: { type: "integer", minimum: 1, default: 8, description: "Physical cores every server needs." } },
    validate: ({ resources, config, report }) => {
        const sizes = serverSizes(resources);
        if (sizes.length === 0) {
            report(NO_APP_HOST);
        }
        for (const size of sizes) {
            if (size.cores === undefined) {
                report(`${size.what}: instance type ${size.instanceType ?? "(none)"} is not in the size table, so its cores are unknown; use a listed type`, size.source);
            } else if (size.cores < config.minCores) {
                report(`${size.what}: ${size.instanceType} has ${size.cores} physical cores; ${config.minCores} are required`, size.source);
            }
        }
    },
});

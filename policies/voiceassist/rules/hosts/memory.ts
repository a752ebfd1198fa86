import { automatedRule } from "../../../lib/rule";
import { NO_APP_HOST, serverSizes } from "../../voiceassist";

export default automatedRule<{ minGiB: number }>({
    name: "memory",
    items: ["VA-1.1.2"],
    description:
        "Reads the instance type of every VoiceAssist server (EC2 hosts tagged readiness:role=app, instance type from the instance or its launch template) and of every EKS managed node group, and its memory from policies/lib/instance-types.ts: each must have at least minGiB (the checklist's minimum; 64 GB is only recommended).",
    severity: "high",
    remediationSteps:
        "In the kit, set `readiness-kit:voiceassistInstanceType` (and `readiness-kit:voiceassistNodeInstanceType`) to a type with 32 GiB or more (m7a.2xlarge, m7i.2xlarge, r7i.xlarge). In your own program, raise the instance's or node group's instance type.",
    config: { minGiB: { type: "number", minimum: 1, default: 32, description: "Memory every server needs, in GiB." } },
    validate: ({ resources, config, report }) => {
        const sizes = serverSizes(resources);
        if (sizes.length === 0) {
            report(NO_APP_HOST);
        }
        for (const size of sizes) {
            if (size.memoryGiB === undefined) {
                report(`${size.what}: instance type ${size.instanceType ?? "(none)"} is not in the size table, so its memory is unknown; use a listed type`, size.source);
            } else if (size.memoryGiB < config.minGiB) {
                report(`${size.what}: ${size.instanceType} has ${size.memoryGiB} GiB of memory; ${config.minGiB} GiB are required`, size.source);
            }
        }
    },
});

import { automatedRule } from "../../../lib/rule";
import { checkAllocated } from "./data-volumes";

export default automatedRule<{ mbPerExtension: number; minGb: number }>({
    name: "recordings-storage",
    items: ["WP-1.3.1.2", "WP-6.2.1.5"],
    description:
        "The call recording estimate is the PBX host's readiness:extensions tag times mbPerExtension (at least minGb); an EBS volume tagged readiness:purpose=recordings must be attached to the host with at least that size. The volume size is the recorded maximum call recording storage.",
    severity: "high",
    remediationSteps:
        "In the kit, raise `readiness-kit:wardenRecordingsGb`. In your own program, attach an aws.ebs.Volume tagged readiness:purpose=recordings of the estimated size to the PBX host.",
    config: {
        mbPerExtension: { type: "number", minimum: 1, default: 500, description: "Recordings per extension in MB (about 9 hours of 8 kHz WAV)." },
        minGb: { type: "integer", minimum: 1, default: 20, description: "Smallest recordings volume in GB." },
    },
    validate: (context) => checkAllocated(context, "recordings", context.config),
});

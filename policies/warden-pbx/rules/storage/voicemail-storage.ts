import { automatedRule } from "../../../lib/rule";
import { checkAllocated } from "./data-volumes";

export default automatedRule<{ mbPerExtension: number; minGb: number }>({
    name: "voicemail-storage",
    items: ["WP-1.3.1.1", "WP-6.2.1.4"],
    description:
        "The voicemail estimate is the PBX host's readiness:extensions tag times mbPerExtension (at least minGb); an EBS volume tagged readiness:purpose=voicemail must be attached to the host with at least that size. The volume size is the recorded maximum voicemail storage.",
    severity: "high",
    remediationSteps:
        "In the kit, raise `readiness-kit:wardenVoicemailGb` (or lower the extensions). In your own program, attach an aws.ebs.Volume tagged readiness:purpose=voicemail of the estimated size to the PBX host.",
    config: {
        mbPerExtension: { type: "number", minimum: 1, default: 100, description: "Voicemail per extension in MB (about 35 three-minute messages at 8 kHz)." },
        minGb: { type: "integer", minimum: 1, default: 10, description: "Smallest voicemail volume in GB." },
    },
    validate: (context) => checkAllocated(context, "voicemail", context.config),
});

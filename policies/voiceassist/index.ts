import { PolicyPack } from "@pulumi/policy";
import { voiceassistRegistry } from "./registry";

new PolicyPack("voiceassist-readiness", {
    description: "VoiceAssist (HIPAA) production readiness checklist: every box a policy.",
    enforcementLevel: "mandatory",
    policies: voiceassistRegistry().policies(),
});

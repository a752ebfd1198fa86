import { PolicyPack } from "@pulumi/policy";
import { wardenRegistry } from "./registry";

new PolicyPack("warden-pbx-readiness", {
    description: "Warden VoIP PBX production readiness checklist: every box a policy.",
    enforcementLevel: "mandatory",
    policies: wardenRegistry().policies(),
});

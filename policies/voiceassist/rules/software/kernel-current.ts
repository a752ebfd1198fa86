import { imageOf, ubuntuImage } from "../../../lib/hosts";
import { automatedRule } from "../../../lib/rule";
import { eachAppHost } from "../../voiceassist";

export default automatedRule({
    name: "kernel-current",
    items: ["VA-2.3.2"],
    description:
        "The kernel is current: each VoiceAssist server boots Canonical's image parameter that tracks the newest build (.../stable/current/...), whose kernel is the latest Canonical published, and upgrades packages at first boot (package_upgrade: true, which installs newer kernel packages).",
    severity: "high",
    remediationSteps: "The kit boots resolve:ssm:/aws/service/canonical/ubuntu/server/24.04/stable/current/... with package_upgrade. In your own program, boot that parameter rather than a pinned AMI or build, and set package_upgrade: true.",
    validate: (context) => {
        eachAppHost(context, (host, config, source) => {
            const image = imageOf(host);
            const ubuntu = ubuntuImage(image.imageId);
            if (!ubuntu) {
                context.report(`boots ${image.imageId ?? "no image"}, which is not Canonical's current-build parameter, so its kernel's age is unknown`, image.source);
            } else if (!ubuntu.current) {
                context.report(`boots a pinned Ubuntu build (${image.imageId}) rather than the current one`, image.source);
            }
            if (config.package_upgrade !== true) {
                context.report("does not upgrade packages at first boot (package_upgrade: true), so kernel updates published since the image are not installed", source);
            }
        });
    },
});

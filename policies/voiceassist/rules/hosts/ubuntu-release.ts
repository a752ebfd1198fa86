import { imageOf, ubuntuImage } from "../../../lib/hosts";
import { automatedRule } from "../../../lib/rule";
import { NO_APP_HOST, appHosts } from "../../voiceassist";

export default automatedRule<{ minRelease: string; approvedImageIds: string[] }>({
    name: "ubuntu-release",
    items: ["VA-1.1.1"],
    description:
        "Reads the image each VoiceAssist server boots (instance `ami`, else launch template `imageId`): it must be Canonical's public SSM parameter for an Ubuntu LTS release (resolve:ssm:/aws/service/canonical/ubuntu/...) not older than minRelease, or an AMI id listed in approvedImageIds. Any other AMI id cannot be shown to be Ubuntu and fails.",
    severity: "high",
    remediationSteps:
        "The kit boots resolve:ssm:/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id. In your own program, set the launch template's `imageId` to that parameter (22.04 or 24.04), or list your Ubuntu AMI ids in this policy's `approvedImageIds`.",
    config: {
        minRelease: { type: "string", pattern: "^\\d{2}\\.\\d{2}$", default: "22.04", description: "Oldest Ubuntu LTS release allowed." },
        approvedImageIds: { type: "array", items: { type: "string" }, default: [], description: "AMI ids known to be a supported Ubuntu LTS release (e.g. golden images)." },
    },
    validate: ({ resources, config, report }) => {
        const hosts = appHosts(resources);
        if (hosts.length === 0) {
            report(NO_APP_HOST);
        }
        for (const host of hosts) {
            const image = imageOf(host);
            if (!image.imageId) {
                report("names no image (ami / imageId)", image.source);
            } else if (!config.approvedImageIds.includes(image.imageId)) {
                const ubuntu = ubuntuImage(image.imageId);
                if (!ubuntu) {
                    report(`boots ${image.imageId}, which is neither Canonical's Ubuntu SSM parameter nor an approved image id`, image.source);
                } else if (Number(ubuntu.release) < Number(config.minRelease) || !/\.04$/.test(ubuntu.release)) {
                    report(`boots Ubuntu ${ubuntu.release}; an LTS release ${config.minRelease} or later is required`, image.source);
                }
            }
        }
    },
});

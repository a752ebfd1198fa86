import { imageOf, pbxHosts, ubuntuImage } from "../../../lib/hosts";
import { automatedRule } from "../../../lib/rule";
import { NO_PBX_HOST } from "../../pbx";

export default automatedRule<{ release: string; approvedImageIds: string[] }>({
    name: "ubuntu-24-04",
    items: ["WP-1.1.2.1"],
    description:
        "Reads the image of the PBX host (instance `ami`, else launch template `imageId`): it must be Canonical's public SSM parameter for Ubuntu `release` (resolve:ssm:/aws/service/canonical/ubuntu/...), or an AMI id listed in approvedImageIds. Any other AMI id cannot be shown to be Ubuntu 24.04 and fails.",
    severity: "high",
    remediationSteps:
        "The kit boots resolve:ssm:/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id. In your own program, set the launch template's `imageId` to that parameter, or list your Ubuntu 24.04 AMI ids in this policy's `approvedImageIds`.",
    config: {
        release: { type: "string", default: "24.04", description: "Ubuntu release the hosts must run." },
        approvedImageIds: { type: "array", items: { type: "string" }, default: [], description: "AMI ids known to be this Ubuntu release (e.g. golden images)." },
    },
    validate: ({ resources, config, report }) => {
        const hosts = pbxHosts(resources);
        if (hosts.length === 0) {
            report(NO_PBX_HOST);
        }
        for (const host of hosts) {
            const image = imageOf(host);
            if (!image.imageId) {
                report("names no image (ami / imageId)", image.source);
                continue;
            }
            if (config.approvedImageIds.includes(image.imageId)) {
                continue;
            }
            const ubuntu = ubuntuImage(image.imageId);
            if (!ubuntu) {
                report(`boots ${image.imageId}, which is neither Canonical's Ubuntu ${config.release} SSM parameter nor an approved image id`, image.source);
            } else if (ubuntu.release !== config.release) {
                report(`boots Ubuntu ${ubuntu.release}; Ubuntu ${config.release} LTS is required`, image.source);
            }
        }
    },
});

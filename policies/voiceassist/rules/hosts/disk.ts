import { hostVolumes, isSsd } from "../../../lib/hosts";
import { automatedRule } from "../../../lib/rule";
import { NO_APP_HOST, appHosts } from "../../voiceassist";

export default automatedRule<{ minGb: number }>({
    name: "disk",
    items: ["VA-1.1.4"],
    description:
        "Adds up the SSD storage of each VoiceAssist server: its root volume (instance rootBlockDevice or launch template block device mapping) and the EBS volumes attached to it (aws:ec2/volumeAttachment); the total must be at least minGb and every volume must be SSD (gp2, gp3, io1, io2).",
    severity: "high",
    remediationSteps:
        "In the kit, set `readiness-kit:voiceassistDataVolumeGb` so that root + data volume reach 500 GB. In your own program, attach a gp3 aws.ebs.Volume (or raise the root volume's volumeSize).",
    config: { minGb: { type: "integer", minimum: 1, default: 500, description: "Smallest total SSD storage per server, in GB." } },
    validate: ({ resources, config, report }) => {
        const hosts = appHosts(resources);
        if (hosts.length === 0) {
            report(NO_APP_HOST);
        }
        for (const host of hosts) {
            const volumes = hostVolumes(resources, host);
            for (const volume of volumes.filter((entry) => !isSsd(entry.volumeType))) {
                report(`volume ${volume.deviceName ?? ""} is ${volume.volumeType}, not SSD (gp2, gp3, io1, io2)`, volume.resource);
            }
            const total = volumes.filter((entry) => isSsd(entry.volumeType)).reduce((sum, entry) => sum + (entry.sizeGb ?? 8), 0);
            if (total < config.minGb) {
                report(`has ${total} GB of SSD storage; at least ${config.minGb} GB are required`, host.instance);
            }
        }
    },
});

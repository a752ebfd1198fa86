import { hostVolumes, isSsd, pbxHosts } from "../../../lib/hosts";
import { automatedRule } from "../../../lib/rule";
import { NO_PBX_HOST } from "../../pbx";

export default automatedRule<{ minGb: number }>({
    name: "pbx-disk",
    items: ["WP-1.1.1.3"],
    description:
        "Adds up the PBX host's EBS storage (root and launch template volumes, attached volumes) and requires at least minGb, all on SSD types (gp2, gp3, io1, io2). The growth plan is the online resize of EBS volumes, triggered by the disk alarms of WP-1.3.1.5.",
    severity: "high",
    remediationSteps:
        "In the kit, raise `readiness-kit:wardenRootVolumeGb` (and the data volume sizes) so the host has at least 100 GB, on gp3. In your own program, raise `volumeSize`/`size` of the PBX host's volumes and use volumeType gp3.",
    config: {
        minGb: { type: "integer", minimum: 1, default: 100, description: "SSD storage every PBX host needs, in GB." },
    },
    validate: ({ resources, config, report }) => {
        const hosts = pbxHosts(resources);
        if (hosts.length === 0) {
            report(NO_PBX_HOST);
        }
        for (const host of hosts) {
            const volumes = hostVolumes(resources, host);
            for (const volume of volumes.filter((entry) => !isSsd(entry.volumeType))) {
                report(`volume ${volume.deviceName ?? ""} is ${volume.volumeType}, not SSD (gp2, gp3, io1, io2)`.replace("  ", " "), volume.resource);
            }
            const total = volumes.filter((entry) => isSsd(entry.volumeType)).reduce((sum, entry) => sum + (entry.sizeGb ?? 0), 0);
            if (total < config.minGb) {
                report(`has ${total} GB of SSD storage; at least ${config.minGb} GB are required`, host.instance);
            }
        }
    },
});

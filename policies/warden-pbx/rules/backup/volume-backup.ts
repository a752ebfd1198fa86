// Voicemail and recordings are backed up the same way.
import { plansCovering } from "../../../lib/backups";
import { hostVolumes, pbxHosts } from "../../../lib/hosts";
import { RuleContext } from "../../../lib/rule";
import { NO_PBX_HOST } from "../../pbx";

export function requireVolumeBackup(context: Pick<RuleContext<unknown>, "resources" | "report">, purpose: string): void {
    const hosts = pbxHosts(context.resources);
    if (hosts.length === 0) {
        context.report(NO_PBX_HOST);
    }
    for (const host of hosts) {
        const volumes = hostVolumes(context.resources, host).filter((volume) => volume.purpose === purpose && volume.attachment);
        if (volumes.length === 0) {
            context.report(`keeps ${purpose} on no volume of its own, so no backup of them can be checked`, host.instance);
        }
        for (const volume of volumes) {
            if (plansCovering(context.resources, volume.resource, [host.instance]).length === 0) {
                context.report(`holds ${purpose} but is in no AWS Backup selection (neither it nor its instance)`, volume.resource);
            }
        }
    }
}
